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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the three homes of the alerts equal: the sidecar's default rules, the plain Prometheus
 * rules file, and the PrometheusRule object under k8s/; and checks that the promtool unit tests
 * cover every alert.
 */
class PrometheusRulesSyncTest {
  static final Path RULES = Path.of("prometheus/nexconn-alerts.rules.yml");
  static final Path RULE_TESTS = Path.of("prometheus/tests/nexconn-alerts.test.yml");
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

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  @Test
  void prometheusRuleObjectCarriesExactlyTheGroupsOfThePlainRulesFile() throws IOException {
    JsonNode plain = yaml.readTree(RULES.toFile());
    JsonNode object = yaml.readTree(PROMETHEUS_RULE.toFile());

    assertThat(object.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(object.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(object.path("spec").path("groups")).isEqualTo(plain.path("groups"));
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
