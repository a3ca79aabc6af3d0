package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.support.BrokenDashboards;
import dev.nexconn.exporter.support.DashboardLint;
import dev.nexconn.exporter.support.GrafanaDashboardTypes;
import dev.nexconn.exporter.support.GrafanaDashboards;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every shipped dashboard type-checks with {@code tsc} against Grafana's published schema types
 * (GrafanaDashboardTypes), and the negative fixtures fail: a misspelt key and an unknown unit in
 * the type check, each with exactly one error naming the fault; a counter without rate() passes the
 * types but fails the lint.
 */
class DashboardSchemaIT {
  @Test
  void shippedDashboardsTypeCheckAndTheBrokenOnesFailForTheirReason() {
    Map<String, JsonNode> input = new LinkedHashMap<>();
    for (Path file : GrafanaDashboards.files()) {
      input.put(
          file.getFileName().toString().replace(".json", "").replace('-', '_'),
          GrafanaDashboards.read(file));
    }
    assertThat(input).isNotEmpty();
    JsonNode overview = GrafanaDashboards.read(Path.of("dashboards/nexconn-overview.json"));
    for (BrokenDashboards b : BrokenDashboards.values()) {
      Map.Entry<String, JsonNode> e = BrokenDashboards.named(b, overview);
      input.put(e.getKey(), e.getValue());
    }

    Map<String, List<String>> errors = GrafanaDashboardTypes.check(input);

    for (Path file : GrafanaDashboards.files()) {
      String name = file.getFileName().toString().replace(".json", "").replace('-', '_');
      assertThat(errors.get(name)).as(file + " against @grafana/schema").isEmpty();
    }
    assertThat(errors.get("misspelt_key"))
        .singleElement()
        .asString()
        .contains("error TS2353", "'\"gridPoss\"' does not exist");
    assertThat(errors.get("unknown_unit"))
        .singleElement()
        .asString()
        .contains("'\"opss\"' is not assignable to type 'Unit'");
    assertThat(errors.get("counter_without_rate"))
        .as("types allow it: the lint catches it")
        .isEmpty();
    assertThat(DashboardLint.check(input.get("counter_without_rate")))
        .singleElement()
        .asString()
        .startsWith("target-counter-agg-rule: ")
        .contains("'Reconnect rate'", "nexconn_reconnect_attempts_total");
  }
}
