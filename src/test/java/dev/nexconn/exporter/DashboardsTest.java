package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nexconn.exporter.support.GrafanaDashboards;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards parse, use the Prometheus data source only through the {@code datasource}
 * variable, offer the namespace/pod/source/platform variables, describe every panel (what normal
 * and abnormal look like) and query only series that the sidecar exports.
 */
class DashboardsTest {
  private static final String DS = "${datasource}";

  /**
   * The series dashboards may use: the metric contract, and the JVM and process series of
   * Micrometer's JvmMemoryMetrics, JvmThreadMetrics, JvmGcMetrics, ProcessorMetrics and
   * UptimeMetrics.
   */
  static final Set<String> KNOWN_SERIES =
      Set.of(
          "nexconn_connections",
          "nexconn_connection_status_transitions_total",
          "nexconn_reconnect_attempts_total",
          "nexconn_connect_duration_seconds_bucket",
          "nexconn_reconnect_recovery_seconds_bucket",
          "nexconn_heartbeat_rtt_seconds_bucket",
          "nexconn_token_failures_total",
          "nexconn_token_refreshes_total",
          "nexconn_database_opened_total",
          "nexconn_presence_changes_total",
          "nexconn_alerts",
          "nexconn_alert_notifications_total",
          "nexconn_ingest_batches_total",
          "nexconn_ingest_events_total",
          "jvm_memory_used_bytes",
          "jvm_memory_max_bytes",
          "jvm_threads_live_threads",
          "jvm_gc_pause_seconds_sum",
          "jvm_gc_memory_allocated_bytes_total",
          "process_cpu_usage",
          "system_cpu_usage",
          "process_uptime_seconds");

  @Test
  void thereIsAtLeastOneDashboardAndAProvisioningFile() throws Exception {
    assertThat(GrafanaDashboards.files()).isNotEmpty();
    JsonNode provisioning =
        new YAMLMapper()
            .readTree(Path.of("dashboards/provisioning/nexconn-dashboards.yaml").toFile());
    assertThat(provisioning.path("apiVersion").asInt()).isEqualTo(1);
    assertThat(provisioning.path("providers").get(0).path("type").asText()).isEqualTo("file");
    assertThat(provisioning.path("providers").get(0).path("options").path("path").asText())
        .isNotBlank();
  }

  @Test
  void everyDashboardHasTheTemplateVariablesAndACurrentSchema() {
    for (Path file : GrafanaDashboards.files()) {
      JsonNode d = GrafanaDashboards.read(file);
      assertThat(d.path("schemaVersion").asInt()).as(file.toString()).isGreaterThanOrEqualTo(36);
      assertThat(d.path("uid").asText()).as(file.toString()).isNotBlank();
      Set<String> names = new HashSet<>();
      for (JsonNode v : d.path("templating").path("list")) {
        names.add(v.path("name").asText());
        if (v.path("name").asText().equals("datasource")) {
          assertThat(v.path("type").asText()).isEqualTo("datasource");
          assertThat(v.path("query").asText()).isEqualTo("prometheus");
        } else {
          assertThat(v.path("datasource").path("uid").asText()).as(v.toString()).isEqualTo(DS);
        }
      }
      assertThat(names)
          .as(file.toString())
          .contains("datasource", "namespace", "pod", "source", "platform");
    }
  }

  @Test
  void everyPanelIsDescribedAndQueriesThroughTheDatasourceVariable() {
    for (Path file : GrafanaDashboards.files()) {
      JsonNode d = GrafanaDashboards.read(file);
      List<JsonNode> panels = GrafanaDashboards.panels(d);
      assertThat(panels).hasSizeGreaterThanOrEqualTo(12);
      Set<Integer> ids = new HashSet<>();
      for (JsonNode p : panels) {
        String title = file.getFileName() + ": " + p.path("title").asText();
        assertThat(ids.add(p.path("id").asInt())).as("unique id of %s", title).isTrue();
        assertThat(p.path("description").asText()).as(title).contains("Normal", "Abnormal");
        assertThat(p.path("datasource").path("uid").asText()).as(title).isEqualTo(DS);
        assertThat(p.path("gridPos").path("w").asInt()).as(title).isPositive();
        assertThat(p.path("targets")).as(title).isNotEmpty();
        for (JsonNode t : p.path("targets")) {
          assertThat(t.path("datasource").path("uid").asText()).as(title).isEqualTo(DS);
          assertThat(t.path("expr").asText()).as(title).isNotBlank();
        }
      }
    }
  }

  @Test
  void firingAlertsAreAnnotatedOnTheTimeAxis() {
    for (Path file : GrafanaDashboards.files()) {
      JsonNode d = GrafanaDashboards.read(file);
      assertThat(d.path("annotations").path("list"))
          .as(file.toString())
          .anyMatch(
              a ->
                  a.path("expr").asText().contains("nexconn_alerts")
                      && a.path("expr").asText().contains("state=\"firing\"")
                      && a.path("datasource").path("uid").asText().equals(DS));
    }
  }

  @Test
  void dashboardsQueryOnlySeriesTheSidecarExports() {
    Set<String> used = new TreeSet<>();
    for (Path file : GrafanaDashboards.files()) {
      for (String expr : GrafanaDashboards.expressions(GrafanaDashboards.read(file))) {
        used.addAll(GrafanaDashboards.metricNames(expr));
      }
    }
    assertThat(used).isNotEmpty().isSubsetOf(KNOWN_SERIES);
    assertThat(used)
        .contains(
            "nexconn_connections",
            "nexconn_connection_status_transitions_total",
            "nexconn_ingest_events_total",
            "nexconn_alerts");
  }
}
