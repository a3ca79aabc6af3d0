package dev.nexconn.exporter.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks Kubernetes objects against their JSON schemas with ajv, run by Node.js: the schemas of the
 * npm packages {@code kubernetes-models} (generated from the Kubernetes OpenAPI document) and
 * {@code @kubernetes-models/prometheus-operator} (generated from the monitoring.coreos.com/v1
 * CRDs), plus {@code api-server-rules.json} for what the API server enforces beyond its OpenAPI
 * document. The packages are installed once with {@code npm ci} into {@code
 * target/test-classes/k8s-schema}; a missing {@code node} or {@code npm} fails the test naming its
 * Debian package.
 *
 * <pre>{@code
 * List<List<String>> problems = KubernetesJsonSchemas.check(objects); // one list per object
 * }</pre>
 */
public final class KubernetesJsonSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path installed;

  private KubernetesJsonSchemas() {}

  /** For each object, in order, its schema violations as "JSON pointer message"; empty if valid. */
  public static List<List<String>> check(List<JsonNode> objects) {
    Path dir = install();
    try {
      Path input = Files.createTempFile("k8s-objects", ".json");
      try {
        JSON.writeValue(input.toFile(), objects);
        ToolProcess.Run run =
            ToolProcess.require("node", "nodejs")
                .run(120, dir.resolve("validate.mjs").toString(), input.toString());
        if (run.exitCode() != 0) {
          throw new IllegalStateException("schema check failed to run: " + run.stderr());
        }
        return JSON.readValue(run.stdout(), new TypeReference<List<List<String>>>() {});
      } finally {
        Files.deleteIfExists(input);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("schema check failed to run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking schemas", e);
    }
  }

  private static synchronized Path install() {
    if (installed != null) {
      return installed;
    }
    try {
      Path dir = NpmLockInstall.resource(KubernetesJsonSchemas.class, "/k8s-schema/package.json");
      NpmLockInstall.install(dir, "kubernetes-models");
      installed = dir;
      return dir;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot install the Kubernetes JSON schemas", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the schemas", e);
    }
  }
}
