package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nexconn.exporter.support.BrokenDashboards;
import dev.nexconn.exporter.support.DashboardLint;
import dev.nexconn.exporter.support.GrafanaDashboards;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards parse, use the Prometheus data source only through the {@code datasource}
 * variable, offer the cluster/namespace/pod/source/platform variables, describe every panel (what
 * normal and abnormal look like), keep the cluster and namespace labels in every aggregation, and
 * query only series that the sidecar exports or the shipped recording rules record.
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
          "nexconn_connect_failures_total",
          "nexconn_upstream_certificate_expiry_timestamp_seconds",
          "nexconn_upstream_chain_earliest_expiry_timestamp_seconds",
          "nexconn_message_roundtrip_seconds_bucket",
          "nexconn_message_roundtrip_seconds_count",
          "nexconn_messages_lost_total",
          "nexconn_messages_late_total",
          "nexconn_messages_duplicated_total",
          "nexconn_messages_out_of_order_total",
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
          .contains("datasource", "cluster", "namespace", "pod", "source", "platform");
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
  void shippedDashboardsPassTheLint() {
    for (Path file : GrafanaDashboards.files()) {
      assertThat(DashboardLint.check(GrafanaDashboards.read(file))).as(file.toString()).isEmpty();
    }
  }

  @Test
  void eachLintRuleCatchesItsFault() {
    JsonNode d = GrafanaDashboards.read(Path.of("dashboards/nexconn-overview.json"));
    assertThat(DashboardLint.check(BrokenDashboards.COUNTER_WITHOUT_RATE.apply(d)))
        .singleElement()
        .asString()
        .startsWith("target-counter-agg-rule: panel ")
        .contains("nexconn_reconnect_attempts_total");
    assertThat(lint(d, p -> p.remove("description")))
        .singleElement()
        .asString()
        .startsWith("panel-title-description-rule:");
    assertThat(lint(d, p -> ((ObjectNode) p.path("fieldConfig").path("defaults")).remove("unit")))
        .singleElement()
        .asString()
        .startsWith("panel-units-rule:");
    assertThat(lint(d, p -> p.put("id", 1)))
        .singleElement()
        .asString()
        .startsWith("panel-id-unique-rule:");
    assertThat(lint(d, p -> ((ObjectNode) p.path("gridPos")).put("y", 1)))
        .isNotEmpty()
        .allMatch(s -> s.startsWith("panel-grid-overlap-rule:"));
    assertThat(
            lint(
                d,
                p ->
                    ((ObjectNode) p.path("targets").get(0))
                        .put(
                            "expr",
                            p.path("targets")
                                .get(0)
                                .path("expr")
                                .asText()
                                .replace("[$__rate_interval]", "[5m]"))))
        .singleElement()
        .asString()
        .startsWith("target-rate-interval-rule:")
        .contains("[5m]");
    assertThat(
            lint(
                d,
                p ->
                    ((ObjectNode) p.path("targets").get(0).path("datasource"))
                        .put("uid", "prom-1")))
        .singleElement()
        .asString()
        .startsWith("target-datasource-rule:");
    ObjectNode noVariable = d.deepCopy();
    ((ArrayNode) noVariable.path("templating").path("list")).remove(0);
    assertThat(DashboardLint.check(noVariable))
        .singleElement()
        .asString()
        .startsWith("template-datasource-rule:");
  }

  /** The lint problems of {@code d} with {@code change} applied to its "Reconnect rate" panel. */
  private static List<String> lint(JsonNode d, java.util.function.Consumer<ObjectNode> change) {
    JsonNode copy = d.deepCopy();
    for (JsonNode p : copy.path("panels")) {
      if (p.path("title").asText().equals(BrokenDashboards.PANEL_TITLE)) {
        change.accept((ObjectNode) p);
      }
    }
    return DashboardLint.check(copy);
  }

  @Test
  void firingAlertsAreAnnotatedOnTheTimeAxis() {
    for (Path file : GrafanaDashboards.files()) {
      JsonNode d = GrafanaDashboards.read(file);
      assertThat(d.path("annotations").path("list"))
          .as(file.toString())
          .anyMatch(
              a ->
                  a.path("target").path("expr").asText().contains("nexconn_alerts")
                      && a.path("target").path("expr").asText().contains("state=\"firing\"")
                      && a.path("datasource").path("uid").asText().equals(DS));
    }
  }

  @Test
  void everyAggregationKeepsClusterAndNamespaceAndEveryQueryFiltersByThem() {
    Pattern aggregation =
        Pattern.compile("\\b(sum|avg|max|min|count)\\s*(by\\s*\\([^)]*\\))?\\s*\\(");
    for (Path file : GrafanaDashboards.files()) {
      for (JsonNode p : GrafanaDashboards.panels(GrafanaDashboards.read(file))) {
        for (JsonNode t : p.path("targets")) {
          String expr = t.path("expr").asText();
          String what = p.path("title").asText() + ": " + expr;
          assertThat(expr).as(what).contains("cluster=~\"$cluster\"", "namespace=~\"$namespace\"");
          if (p.path("type").asText().equals("heatmap")) {
            continue; // one heatmap draws every selected cluster's buckets together
          }
          Matcher m = aggregation.matcher(expr);
          while (m.find()) {
            assertThat(m.group()).as(what).startsWith(m.group(1) + " by (cluster, namespace");
          }
        }
      }
    }
  }

  @Test
  void theLatencyPanelsReadTheRecordingRules() throws Exception {
    Set<String> recorded = recordedSeries();
    Set<String> used = new TreeSet<>();
    // The dashboard's own recording rules are all read by it; of the SLO's Sloth-style series
    // (also there for Sloth's tooling), the SLO row reads the SLI, the burn-rate windows and the
    // budget left.
    Set<String> forTheDashboard = new TreeSet<>(recorded);
    forTheDashboard.removeIf(r -> r.startsWith("slo:"));
    forTheDashboard.addAll(
        List.of(
            "slo:sli_error:ratio_rate30d",
            "slo:sli_error:ratio_rate5m",
            "slo:sli_error:ratio_rate1h",
            "slo:sli_error:ratio_rate6h",
            "slo:sli_error:ratio_rate1d",
            "slo:sli_error:ratio_rate3d",
            "slo:period_error_budget_remaining:ratio"));
    for (Path file : GrafanaDashboards.files()) {
      for (String expr : GrafanaDashboards.expressions(GrafanaDashboards.read(file))) {
        used.addAll(GrafanaDashboards.metricNames(expr));
        if (expr.contains("histogram_quantile")) {
          assertThat(GrafanaDashboards.metricNames(expr)).as(expr).isSubsetOf(recorded);
        }
      }
    }
    assertThat(recorded).containsAll(forTheDashboard);
    assertThat(used).containsAll(forTheDashboard);
  }

  /** The series the shipped recording rules write. */
  static Set<String> recordedSeries() throws java.io.IOException {
    Set<String> out = new TreeSet<>();
    JsonNode rules =
        new YAMLMapper().readTree(Path.of("prometheus/nexconn-recording.rules.yml").toFile());
    for (JsonNode g : rules.path("groups")) {
      g.path("rules").forEach(r -> out.add(r.path("record").asText()));
    }
    return out;
  }

  @Test
  void dashboardsQueryOnlySeriesTheSidecarExports() throws Exception {
    Set<String> known = new TreeSet<>(KNOWN_SERIES);
    known.addAll(recordedSeries());
    Set<String> used = new TreeSet<>();
    for (Path file : GrafanaDashboards.files()) {
      for (String expr : GrafanaDashboards.expressions(GrafanaDashboards.read(file))) {
        used.addAll(GrafanaDashboards.metricNames(expr));
      }
    }
    assertThat(used).isNotEmpty().isSubsetOf(known);
    assertThat(used)
        .contains(
            "nexconn_connections",
            "cluster_namespace_source_platform_to:nexconn_connection_status_transitions:rate5m",
            "nexconn_ingest_events_total",
            "nexconn_alerts");
  }
}
