package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nexconn.exporter.config.AlertRuleConfig;
import dev.nexconn.exporter.config.AlertRuleDefaults;
import dev.nexconn.exporter.config.AlertSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the three homes of the alerts equal: the sidecar's default rules, the plain Prometheus
 * rules files (generated from mixin/), and the PrometheusRule object under k8s/; and checks that
 * the promtool unit tests cover every alert, that the rules aggregate per cluster and namespace,
 * that every alert links its runbook and the dashboard, and that the SLO rules are Sloth's and the
 * SRE workbook's.
 */
class PrometheusRulesSyncTest {
  static final Path RULES = Path.of("prometheus/nexconn-alerts.rules.yml");
  static final Path UPSTREAM_RULES = Path.of("prometheus/nexconn-upstream-alerts.rules.yml");
  static final Path RECORDING_RULES = Path.of("prometheus/nexconn-recording.rules.yml");
  static final Path TESTS = Path.of("prometheus/tests");
  static final Path PROMETHEUS_RULE = Path.of("k8s/base/prometheusrule.yaml");

  /** The alerts that exist only as Prometheus rules (the sidecar cannot watch itself), in order. */
  static final List<String> PROMETHEUS_ONLY =
      List.of(
          "NexconnExporterDown",
          "NexconnWatchdog",
          "NexconnExporterFileDescriptorsNearLimit",
          "NexconnAlertNotificationsFailing",
          "NexconnIngestRejectingReports",
          "NexconnShardMissing",
          "NexconnShardCountMismatch",
          "NexconnProbeAvailabilityBudgetBurn");

  /**
   * Rules that aggregate nothing, and why they still carry cluster and namespace (or need not).
   * Every other rule aggregates, and every aggregation keeps both labels.
   */
  static final Map<String, String> WITHOUT_AGGREGATION =
      Map.ofEntries(
          Map.entry("NexconnExporterDown", "per scrape target: up keeps the target's own labels"),
          Map.entry("NexconnWatchdog", "a constant heartbeat"),
          Map.entry(
              "NexconnExporterFileDescriptorsNearLimit",
              "per process: a ratio of one target's gauges"),
          Map.entry(
              "NexconnProbeAvailabilityBudgetBurn",
              "reads slo:sli_error:*, recorded per cluster and namespace"),
          Map.entry(
              "slo:sli_error:ratio_rate30d",
              "the mean of slo:sli_error:ratio_rate5m over the period"),
          Map.entry("slo:objective:ratio", "a constant of the SLO"),
          Map.entry("slo:error_budget:ratio", "a constant of the SLO"),
          Map.entry("slo:time_period:days", "a constant of the SLO"),
          Map.entry("slo:current_burn_rate:ratio", "reads slo:sli_error:ratio_rate5m"),
          Map.entry("slo:period_burn_rate:ratio", "reads slo:sli_error:ratio_rate30d"),
          Map.entry("slo:period_error_budget_remaining:ratio", "reads slo:period_burn_rate:ratio"));

  /** The SLO's recording rules: the names Sloth gives them, in order. */
  static final List<String> SLOTH_RECORDS =
      List.of(
          "slo:sli_error:ratio_rate5m",
          "slo:sli_error:ratio_rate30m",
          "slo:sli_error:ratio_rate1h",
          "slo:sli_error:ratio_rate2h",
          "slo:sli_error:ratio_rate6h",
          "slo:sli_error:ratio_rate1d",
          "slo:sli_error:ratio_rate3d",
          "slo:sli_error:ratio_rate30d",
          "slo:objective:ratio",
          "slo:error_budget:ratio",
          "slo:time_period:days",
          "slo:current_burn_rate:ratio",
          "slo:period_burn_rate:ratio",
          "slo:period_error_budget_remaining:ratio");

  private static final Map<AlertSignal, List<String>> SELECTORS = new EnumMap<>(AlertSignal.class);

  static {
    String t = "nexconn_connection_status_transitions_total";
    SELECTORS.put(AlertSignal.BAN, List.of(t + "{to=\"disconn_exception\"}"));
    SELECTORS.put(AlertSignal.KICK, List.of(t + "{to=\"kicked_offline_by_other_client\"}"));
    SELECTORS.put(
        AlertSignal.TOKEN_EXPIRY,
        List.of(
            t + "{to=\"token_incorrect\"}",
            "nexconn_token_failures_total{reason=~\"incorrect|expired\"}"));
    SELECTORS.put(
        AlertSignal.DATABASE_RECREATE,
        List.of("nexconn_database_opened_total{recreated=\"true\"}"));
    SELECTORS.put(AlertSignal.USER_ABANDON, List.of(t + "{to=\"user_abandon\"}"));
    SELECTORS.put(
        AlertSignal.PROBES_DOWN,
        List.of(
            "nexconn_connections{source=\"probe\",status!=\"connected\"}",
            "nexconn_connections{source=\"probe\"}"));
  }

  /** Each aggregation: "sum(", "count_values by (...) (" and so on. */
  private static final Pattern SUM =
      Pattern.compile(
          "\\b(sum|avg|min|max|count|count_values|topk|bottomk|quantile|group|stddev|stdvar)"
              + "\\s*((?:by|without)\\s*\\([^)]*\\))?\\s*\\(");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  @Test
  void prometheusRuleObjectCarriesExactlyTheGroupsOfThePlainRulesFiles() throws IOException {
    List<JsonNode> plain = new ArrayList<>();
    yaml.readTree(RECORDING_RULES.toFile()).path("groups").forEach(plain::add);
    yaml.readTree(RULES.toFile()).path("groups").forEach(plain::add);
    yaml.readTree(UPSTREAM_RULES.toFile()).path("groups").forEach(plain::add);
    JsonNode object = yaml.readTree(PROMETHEUS_RULE.toFile());

    assertThat(object.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(object.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(object.path("spec").path("groups")).containsExactlyElementsOf(plain);
  }

  @Test
  void everyRuleAggregatesByClusterAndNamespace() throws IOException {
    for (Path file : List.of(RULES, RECORDING_RULES)) {
      for (JsonNode group : yaml.readTree(file.toFile()).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          String name =
              rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
          List<MatchResult> sums = SUM.matcher(rule.path("expr").asText()).results().toList();
          if (WITHOUT_AGGREGATION.containsKey(name)) {
            assertThat(sums).as(name + ": " + WITHOUT_AGGREGATION.get(name)).isEmpty();
            continue;
          }
          assertThat(sums).as(name + " aggregates").isNotEmpty();
          assertThat(sums)
              .as(name + ": every aggregation keeps the cluster and namespace labels")
              .allMatch(s -> s.group().startsWith(s.group(1) + " by (cluster, namespace"));
        }
      }
    }
  }

  @Test
  void recordingRulesAreNamedLevelMetricOperationsAndTheSloRulesAsSlothNamesThem()
      throws IOException {
    List<String> names = new ArrayList<>();
    List<String> slo = new ArrayList<>();
    for (JsonNode group : yaml.readTree(RECORDING_RULES.toFile()).path("groups")) {
      boolean isSlo = group.path("name").asText().startsWith("nexconn-exporter.slo.");
      for (JsonNode r : group.path("rules")) {
        (isSlo ? slo : names).add(r.path("record").asText());
        if (isSlo) {
          assertThat(r.path("labels").path("sloth_service").asText()).isEqualTo("nexconn");
          assertThat(r.path("labels").path("sloth_slo").asText()).isEqualTo("probe-availability");
          assertThat(r.path("labels").path("sloth_id").asText())
              .isEqualTo("nexconn-probe-availability");
        }
      }
    }
    assertThat(slo).containsExactlyElementsOf(SLOTH_RECORDS);
    assertThat(names)
        .isNotEmpty()
        .allMatch(
            n -> n.matches("cluster_namespace(_[a-z]+)*:nexconn_[a-z_]+:[a-z0-9]+"),
            "level:metric:operations")
        .contains(
            "cluster_namespace_le:nexconn_connect_duration_seconds_bucket:rate5m",
            "cluster_namespace_source_platform_to:nexconn_connection_status_transitions:rate5m");
  }

  @Test
  void prometheusAlertsMatchTheSidecarDefaultsByNameSeveritySignalAndRunbook() throws IOException {
    Map<String, JsonNode> prometheus = prometheusAlerts();
    List<AlertRuleConfig> sidecar = AlertRuleDefaults.rules();

    List<String> expected = new ArrayList<>(sidecar.stream().map(AlertRuleConfig::name).toList());
    expected.addAll(PROMETHEUS_ONLY);
    assertThat(prometheus.keySet()).containsExactlyElementsOf(expected);
    for (AlertRuleConfig rule : sidecar) {
      assertThat(rule.annotations())
          .as(rule.name())
          .containsEntry(
              "runbook_url",
              "https://github.com/nexconn/nexconn-exporter/blob/main/docs/runbooks.md#"
                  + rule.name().toLowerCase(java.util.Locale.ROOT))
          .containsEntry("dashboard_url", AlertRuleDefaults.DASHBOARD_URL);
      JsonNode p = prometheus.get(rule.name());
      assertThat(p.path("labels").path("severity").asText())
          .as(rule.name())
          .isEqualTo(rule.severity());
      assertThat(p.path("annotations").path("runbook_url").asText())
          .as(rule.name())
          .isEqualTo(rule.annotations().get("runbook_url"));
      assertThat(p.path("annotations").path("summary").asText())
          .as(rule.name())
          .isEqualTo(rule.annotations().get("summary"));
      assertThat(p.path("annotations").path("dashboard_url").asText())
          .as(rule.name())
          .isEqualTo(rule.annotations().get("dashboard_url"));
      assertThat(p.path("annotations").has("description")).as(rule.name()).isTrue();
      assertThat(p.path("expr").asText())
          .as(rule.name() + " selects the series of signal " + rule.signal())
          .contains(SELECTORS.get(rule.signal()));
    }
  }

  @Test
  void everyPrometheusAlertLinksItsRunbookSectionAndTheDashboard() throws IOException {
    for (JsonNode group : yaml.readTree(RULES.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asText();
        assertThat(rule.path("annotations").path("runbook_url").asText())
            .as(name)
            .isEqualTo(AlertRuleDefaults.RUNBOOK_BASE + name.toLowerCase(java.util.Locale.ROOT));
        assertThat(rule.path("annotations").path("dashboard_url").asText())
            .as(name)
            .isEqualTo(AlertRuleDefaults.DASHBOARD_URL);
        assertThat(rule.path("labels").path("detector").asText()).as(name).isEqualTo("prometheus");
      }
    }
  }

  @Test
  void theBurnRateAlertsAreTheSreWorkbooksFourAtTheDefaultObjective() throws IOException {
    List<String> conditions = new ArrayList<>();
    for (JsonNode group : yaml.readTree(RULES.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.path("alert").asText().equals("NexconnProbeAvailabilityBudgetBurn")) {
          Matcher m =
              Pattern.compile(
                      "slo:sli_error:ratio_rate(\\w+)\\{[^}]*} > \\(([\\d.]+) \\* \\(1 - 0.999\\)\\)"
                          + "\\s+and ignoring \\(sloth_window\\)\\s+"
                          + "slo:sli_error:ratio_rate(\\w+)\\{[^}]*} > \\(([\\d.]+) \\* \\(1 - 0.999\\)\\)")
                  .matcher(rule.path("expr").asText());
          assertThat(m.find()).as(rule.path("expr").asText()).isTrue();
          assertThat(m.group(4)).isEqualTo(m.group(2));
          conditions.add(
              String.join(
                  " ",
                  rule.path("labels").path("severity").asText(),
                  rule.path("labels").path("window").asText(),
                  m.group(2) + "x",
                  m.group(1),
                  m.group(3)));
        }
      }
    }
    assertThat(conditions)
        .containsExactly(
            "critical 1h 14.4x 1h 5m",
            "critical 6h 6x 6h 30m",
            "warning 1d 3x 1d 2h",
            "warning 3d 1x 3d 6h");
    JsonNode objective = null;
    for (JsonNode group : yaml.readTree(RECORDING_RULES.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.path("record").asText().equals("slo:objective:ratio")) {
          objective = rule;
        }
      }
    }
    assertThat(objective).isNotNull();
    assertThat(objective.path("expr").asText()).isEqualTo("vector(0.999)");
  }

  /** Every promtool unit test file under prometheus/tests. */
  static List<Path> ruleTestFiles() throws IOException {
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(TESTS)) {
      return s.filter(p -> p.toString().endsWith(".test.yml")).sorted().toList();
    }
  }

  @Test
  void promtoolTestsCoverEveryAlertFiringOnceAndSilentInAtLeastThreeScenarios() throws IOException {
    Map<String, Integer> firing = new HashMap<>();
    Map<String, Integer> silentGroups = new HashMap<>();
    List<JsonNode> tests = new ArrayList<>();
    for (Path file : ruleTestFiles()) {
      yaml.readTree(file.toFile()).path("tests").forEach(tests::add);
    }
    for (JsonNode group : tests) {
      Map<String, Boolean> groupSilent = new HashMap<>();
      for (JsonNode check : group.path("alert_rule_test")) {
        String name = check.path("alertname").asText();
        boolean fires = check.path("exp_alerts").size() > 0;
        if (fires) {
          firing.merge(name, 1, Integer::sum);
        }
        groupSilent.merge(name, !fires, Boolean::logicalAnd);
      }
      groupSilent.forEach(
          (name, silent) -> {
            if (silent) {
              silentGroups.merge(name, 1, Integer::sum);
            }
          });
    }
    for (String name : prometheusAlerts().keySet()) {
      assertThat(firing.getOrDefault(name, 0)).as(name + " fires in some test").isPositive();
      if (name.equals("NexconnWatchdog")) {
        // Always firing by design: it must never be expected silent.
        assertThat(silentGroups.getOrDefault(name, 0)).as(name + " is never silent").isZero();
        continue;
      }
      assertThat(silentGroups.getOrDefault(name, 0))
          .as(name + " stays silent on steady traffic, a slow ramp and a scrape gap")
          .isGreaterThanOrEqualTo(3);
    }
  }

  private Map<String, JsonNode> prometheusAlerts() throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode group : yaml.readTree(RULES.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          out.put(rule.path("alert").asText(), rule);
        }
      }
    }
    return out;
  }
}
