// Reads a JSON array of Kubernetes objects from the file named by the first argument and prints a JSON array with, for each object,
// the list of schema violations (empty when valid). Two schemas are checked with ajv:
// 1. the object's own schema from kubernetes-models / @kubernetes-models/prometheus-operator,
//    generated from the Kubernetes OpenAPI document and the prometheus-operator CRDs (required
//    fields, types, enums, int32/int64 formats);
// 2. api-server-rules.json: rules the API server enforces in code that the OpenAPI document does
//    not carry (DNS-1123 names, port ranges, a container image).
import { readFileSync } from "node:fs";
import Ajv from "ajv";

const here = new URL(".", import.meta.url);
const rules = JSON.parse(readFileSync(new URL("api-server-rules.json", here), "utf8"));
const checkRules = new Ajv({ allErrors: true, strict: false }).compile(rules);

const packages = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const base = packages[group] ?? (group === "" ? "kubernetes-models" : `kubernetes-models/${group}`);
  try {
    const module = await import(`${base}/${version}`);
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

function describe(errors) {
  return errors.filter((e) => e.keyword !== "if").map((e) => {
    const path = e.instancePath === "" ? "(root)" : e.instancePath;
    const extra = e.params && e.params.allowedValues ? ": " + e.params.allowedValues.join(", ") : "";
    return `${path} ${e.message}${extra}`;
  });
}

const objects = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (const object of objects) {
  const problems = [];
  const Model = await modelFor(object?.apiVersion, object?.kind);
  if (Model === null) {
    problems.push(`(root) no schema is known for apiVersion ${object?.apiVersion} kind ${object?.kind}`);
  } else {
    try {
      new Model(object).validate();
    } catch (e) {
      problems.push(...(Array.isArray(e.errors) ? describe(e.errors) : [String(e.message)]));
    }
  }
  if (!checkRules(object)) problems.push(...describe(checkRules.errors));
  results.push(problems);
}
process.stdout.write(JSON.stringify(results));
