package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-checks Grafana dashboards with TypeScript's {@code tsc --noEmit} against Grafana's published
 * types: {@code @grafana/schema}'s Dashboard and Panel, and the per-panel options, field configs,
 * Prometheus query and unit ids of {@code @grafana/grafana-foundation-sdk} (both Apache-2.0). The
 * pinned npm packages ({@code grafana-schema/package-lock.json}) are installed once with {@code npm
 * ci} into {@code target/test-classes/grafana-schema}; {@code to-typescript.mjs} turns each
 * dashboard into a .ts file that declares it with those types. A missing node or npm fails the test
 * naming its Debian package.
 *
 * <pre>{@code
 * Map<String, List<String>> errors = GrafanaDashboardTypes.check(Map.of("overview", json));
 * }</pre>
 */
public final class GrafanaDashboardTypes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path installed;

  private GrafanaDashboardTypes() {}

  /**
   * For each dashboard, by name (letters, digits, '_'), the tsc errors in its .ts file, each as
   * "line,col: error TSnnnn: message"; an empty list when it type-checks.
   */
  public static Map<String, List<String>> check(Map<String, JsonNode> dashboards) {
    Path dir = install();
    try {
      Path run = Files.createTempDirectory(dir, "run-");
      List<String> args =
          new ArrayList<>(List.of(dir.resolve("to-typescript.mjs").toString(), run.toString()));
      for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
        if (!d.getKey().matches("[A-Za-z0-9_]+")) {
          throw new IllegalArgumentException("dashboard name must be [A-Za-z0-9_]+: " + d.getKey());
        }
        Path file = run.resolve(d.getKey() + ".json");
        JSON.writeValue(file.toFile(), d.getValue());
        args.add(file.toString());
      }
      ToolProcess node = ToolProcess.require("node", "nodejs");
      ToolProcess.Run gen = node.run(60, args.toArray(String[]::new));
      if (gen.exitCode() != 0) {
        throw new IllegalStateException("to-typescript.mjs failed: " + gen.stderr());
      }
      ToolProcess.Run tsc =
          node.run(
              300,
              dir.resolve("node_modules/typescript/bin/tsc").toString(),
              "--noEmit",
              "--pretty",
              "false",
              "-p",
              run.toString());
      Map<String, List<String>> out = new LinkedHashMap<>();
      dashboards.keySet().forEach(k -> out.put(k, new ArrayList<>()));
      String current = null;
      for (String line : tsc.stdout().split("\n")) {
        int paren = line.indexOf(".ts(");
        String file = paren > 0 ? Path.of(line.substring(0, paren)).getFileName().toString() : null;
        if (file != null && out.containsKey(file)) {
          current = file;
          out.get(file).add(line.substring(paren + 4).replaceFirst("\\)", ""));
        } else if (current != null && !line.isBlank()) {
          List<String> errors = out.get(current);
          errors.set(errors.size() - 1, errors.get(errors.size() - 1) + "\n" + line);
        } else if (!line.isBlank()) {
          throw new IllegalStateException("tsc reported outside the dashboards: " + line);
        }
      }
      if (tsc.exitCode() != 0 && out.values().stream().allMatch(List::isEmpty)) {
        throw new IllegalStateException("tsc failed to run: " + tsc.stdout() + tsc.stderr());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("dashboard type check failed to run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while type-checking dashboards", e);
    }
  }

  private static synchronized Path install() {
    if (installed != null) {
      return installed;
    }
    try {
      Path dir =
          NpmLockInstall.resource(GrafanaDashboardTypes.class, "/grafana-schema/package.json");
      NpmLockInstall.install(
          dir, "@grafana/schema", "@grafana/grafana-foundation-sdk", "typescript");
      installed = dir;
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot install the Grafana schema types", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the Grafana schema types", e);
    }
  }
}
