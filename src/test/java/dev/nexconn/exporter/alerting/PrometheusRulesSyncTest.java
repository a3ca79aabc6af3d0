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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the three homes of the alerts equal: the sidecar's default rules, the plain Prometheus
 * rules files (generated from mixin/), and the PrometheusRule object under k8s/; and checks that
 * the promtool unit tests cover every alert and that the rules aggregate per cluster and namespace.
 */
class PrometheusRulesSyncTest {
  static final Path RULES = Path.of("prometheus/nexconn-alerts.rules.yml");
  static final Path UPSTREAM_RULES = Path.of("prometheus/nexconn-upstream-alerts.rules.yml");
  static final Path RECORDING_RULES = Path.of("prometheus/nexconn-recording.rules.yml");
  static final Path RULE_TESTS = Path.of("prometheus/tests/nexconn-alerts.test.yml");
  static final Path RECORDING_RULE_TESTS = Path.of("prometheus/tests/nexconn-recording.test.yml");
  static final Path PROMETHEUS_RULE = Path.of("k8s/base/prometheusrule.yaml");

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

  /** Each aggregation: "sum(" or "sum by (...)". */
  private static final Pattern SUM = Pattern.compile("\\bsum\\s*(by\\s*\\([^)]*\\))?\\s*\\(");

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
          List<String> sums =
              SUM.matcher(rule.path("expr").asText()).results().map(MatchResult::group).toList();
          assertThat(sums).as(name + " aggregates").isNotEmpty();
          assertThat(sums)
              .as(name + ": every sum keeps the cluster and namespace labels")
              .allMatch(s -> s.startsWith("sum by (cluster, namespace"));
        }
      }
    }
  }

  @Test
  void recordingRulesAreNamedLevelMetricOperations() throws IOException {
    List<String> names = new ArrayList<>();
    for (JsonNode group : yaml.readTree(RECORDING_RULES.toFile()).path("groups")) {
      group.path("rules").forEach(r -> names.add(r.path("record").asText()));
    }
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

    assertThat(prometheus.keySet())
        .containsExactlyElementsOf(sidecar.stream().map(AlertRuleConfig::name).toList());
    for (AlertRuleConfig rule : sidecar) {
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
      assertThat(p.path("annotations").has("description")).as(rule.name()).isTrue();
      assertThat(p.path("expr").asText())
          .as(rule.name() + " selects the series of signal " + rule.signal())
          .contains(SELECTORS.get(rule.signal()));
    }
  }

  @Test
  void promtoolTestsCoverEveryAlertFiringOnceAndSilentInAtLeastThreeScenarios() throws IOException {
    JsonNode tests = yaml.readTree(RULE_TESTS.toFile()).path("tests");
    Map<String, Integer> firing = new HashMap<>();
    Map<String, Integer> silentGroups = new HashMap<>();
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
