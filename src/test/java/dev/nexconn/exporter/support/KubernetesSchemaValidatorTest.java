package dev.nexconn.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import org.junit.jupiter.api.Test;

/** The schema validator used on k8s/ accepts valid objects and rejects what the schema forbids. */
class KubernetesSchemaValidatorTest {
  private final KubernetesSchemaValidator validator = new KubernetesSchemaValidator();

  @Test
  void rejectsAMisspeltFieldAWrongTypeAndAnUnknownKind() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode good =
        yaml.readTree(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 2\n"
                + "  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
                + "    spec:\n      containers:\n        - name: c\n          image: i\n");
    assertThat(validator.validate(good)).isInstanceOf(Deployment.class);

    JsonNode misspelt = good.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            misspelt.path("spec").path("template").path("spec").path("containers").get(0))
        .put("readinesProbe", "x");
    assertThatThrownBy(() -> validator.validate(misspelt))
        .hasMessageContaining("Deployment/x")
        .hasMessageContaining("readinesProbe");

    JsonNode wrongType = good.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) wrongType.path("spec"))
        .put("replicas", "two");
    assertThatThrownBy(() -> validator.validate(wrongType)).hasMessageContaining("replicas");

    JsonNode monitor =
        yaml.readTree(
            "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\n"
                + "spec:\n  selector: {}\n  endpoints:\n    - port: web\n      intervall: 15s\n");
    assertThatThrownBy(() -> validator.validate(monitor)).hasMessageContaining("intervall");

    JsonNode rule =
        yaml.readTree(
            "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\n"
                + "spec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n"
                + "          expr: up == 0\n          for: 5m\n          labels: {severity: page}\n");
    assertThat(validator.validate(rule)).isInstanceOf(PrometheusRule.class);
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            rule.path("spec").path("groups").get(0).path("rules").get(0))
        .put("expresion", "up");
    assertThatThrownBy(() -> validator.validate(rule)).hasMessageContaining("expresion");

    JsonNode unknownKind =
        yaml.readTree("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
    assertThatThrownBy(() -> validator.validate(unknownKind))
        .hasMessageContaining("no schema is known");
  }
}
