package dev.nexconn.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schema validator used on k8s/ accepts valid objects and rejects what the schema forbids. */
class KubernetesSchemaValidatorTest {
  private static final String DEPLOYMENT =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 2\n"
          + "  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
          + "    spec:\n      containers:\n        - name: c\n          image: i\n"
          + "          ports: [{containerPort: 8080}]\n";
  private final KubernetesSchemaValidator validator = new KubernetesSchemaValidator();

  /** Each object the review found accepted by the field-by-field mapping alone. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "no selector, Deployment/x, /spec, selector",
    "container without name, Deployment/x, /spec/template/spec/containers/0, name",
    "container without image, Deployment/x, /spec/template/spec/containers/0, image",
    "restartPolicy Sometimes, Deployment/x, /spec/template/spec/restartPolicy, OnFailure",
    "imagePullPolicy Whenever, Deployment/x, /spec/template/spec/containers/0/imagePullPolicy,"
        + " IfNotPresent",
    "containerPort 99999, Deployment/x, /spec/template/spec/containers/0/ports/0/containerPort,"
        + " 65535",
    "name Bad_Name!, Deployment/Bad_Name!, /metadata/name, pattern",
  })
  void rejectsWhatTheKubernetesSchemaForbids(String bad, String object, String path, String detail)
      throws Exception {
    ObjectNode deployment = (ObjectNode) new YAMLMapper().readTree(DEPLOYMENT);
    ObjectNode pod = (ObjectNode) deployment.path("spec").path("template").path("spec");
    ObjectNode container = (ObjectNode) pod.path("containers").get(0);
    Consumer<ObjectNode> breaker =
        switch (bad) {
          case "no selector" -> d -> ((ObjectNode) d.path("spec")).remove("selector");
          case "container without name" -> d -> container.remove("name");
          case "container without image" -> d -> container.remove("image");
          case "restartPolicy Sometimes" -> d -> pod.put("restartPolicy", "Sometimes");
          case "imagePullPolicy Whenever" -> d -> container.put("imagePullPolicy", "Whenever");
          case "containerPort 99999" ->
              d -> ((ObjectNode) container.path("ports").get(0)).put("containerPort", 99999);
          case "name Bad_Name!" -> d -> ((ObjectNode) d.path("metadata")).put("name", "Bad_Name!");
          default -> throw new IllegalArgumentException(bad);
        };
    assertThat(validator.validate(deployment.deepCopy())).isInstanceOf(Deployment.class);
    breaker.accept(deployment);
    assertThatThrownBy(() -> validator.validate(deployment))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(object + " violates its schema at " + path)
        .hasMessageContaining(detail);
  }

  @Test
  void rejectsCustomResourcesThatBreakTheirCrdSchema() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode noExpr =
        yaml.readTree(
            "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\n"
                + "spec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n"
                + "          for: 5m\n");
    assertThatThrownBy(() -> validator.validate(noExpr))
        .hasMessageContaining("PrometheusRule/r violates its schema at /spec/groups/0/rules/0")
        .hasMessageContaining("expr");
    JsonNode badScheme =
        yaml.readTree(
            "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\n"
                + "spec:\n  selector: {}\n  endpoints:\n    - port: web\n      scheme: ftp\n");
    assertThatThrownBy(() -> validator.validate(badScheme))
        .hasMessageContaining("ServiceMonitor/m violates its schema at /spec/endpoints/0/scheme");
  }

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
