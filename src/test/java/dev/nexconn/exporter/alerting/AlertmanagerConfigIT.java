package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nexconn.exporter.support.AlertmanagerProcess;
import dev.nexconn.exporter.support.ToolProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped example {@code alertmanager/alertmanager.yml}: {@code amtool check-config} accepts
 * it, every case of {@code alertmanager/routes-tests.yml} reaches exactly its receivers, and a real
 * Alertmanager loaded with it inhibits as documented (the sidecar's alert under its Prometheus
 * twin, a warning under the critical alert of the same name).
 */
class AlertmanagerConfigIT {
  private static final Path CONFIG = Path.of("alertmanager/alertmanager.yml");
  private static final Path CASES = Path.of("alertmanager/routes-tests.yml");

  @TempDir Path dir;

  @Test
  void amtoolAcceptsTheConfig() throws Exception {
    ToolProcess.Run run = amtool().run(30, "check-config", CONFIG.toString());
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("SUCCESS").contains("3 inhibit rules");
  }

  @TestFactory
  Stream<DynamicTest> everyRoutingCaseReachesItsReceivers() throws Exception {
    JsonNode cases = new ObjectMapper(new YAMLFactory()).readTree(CASES.toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      tests.add(
          DynamicTest.dynamicTest(
              c.get("name").asText(),
              () -> {
                List<String> args =
                    new ArrayList<>(
                        List.of(
                            "config",
                            "routes",
                            "test",
                            "--config.file=" + CONFIG,
                            "--verify.receivers=" + join(c.get("receivers"))));
                c.get("labels")
                    .fields()
                    .forEachRemaining(e -> args.add(e.getKey() + "=" + e.getValue().asText()));
                ToolProcess.Run run = amtool().run(30, args.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
              }));
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(8);
    return tests.stream();
  }

  @Test
  void aRealAlertmanagerInhibitsTheSidecarTwinAndTheWarningUnderTheCritical() throws Exception {
    // Receivers point at a closed loopback port: nothing leaves the machine.
    int closed = AlertmanagerProcess.freePort();
    String config =
        Files.readString(CONFIG)
            .replace("http://alert-router.monitoring.svc:8080", "http://127.0.0.1:" + closed)
            .replace("http://deadmans-switch.monitoring.svc:8080", "http://127.0.0.1:" + closed);
    assertThat(config).doesNotContain(".svc");
    try (AlertmanagerProcess am =
        AlertmanagerProcess.start(dir, "127.0.0.1", AlertmanagerProcess.freePort(), config)) {
      Map<String, String> common = Map.of("namespace", "chat", "cluster", "prod-eu");
      JsonArray alerts =
          new JsonArray()
              .add(alert("NexconnBanSpike", "critical", "sidecar", common))
              .add(alert("NexconnBanSpike", "critical", "prometheus", common))
              .add(alert("NexconnKickSpike", "critical", "prometheus", common))
              .add(alert("NexconnKickSpike", "warning", "prometheus", common));
      assertThat(am.post(alerts)).isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                JsonArray held = am.alerts();
                assertThat(state(held, "NexconnBanSpike", "sidecar", "critical"))
                    .isEqualTo("suppressed");
                assertThat(state(held, "NexconnBanSpike", "prometheus", "critical"))
                    .isEqualTo("active");
                assertThat(state(held, "NexconnKickSpike", "prometheus", "warning"))
                    .isEqualTo("suppressed");
                assertThat(state(held, "NexconnKickSpike", "prometheus", "critical"))
                    .isEqualTo("active");
              });
    }
  }

  private static JsonObject alert(
      String name, String severity, String detector, Map<String, String> common) {
    JsonObject labels =
        new JsonObject().put("alertname", name).put("severity", severity).put("detector", detector);
    common.forEach(labels::put);
    if (detector.equals("sidecar")) {
      labels.put("pod", "nexconn-exporter-0");
    }
    return new JsonObject()
        .put("labels", labels)
        .put("startsAt", Instant.now().toString())
        .put("endsAt", Instant.now().plusSeconds(300).toString());
  }

  private static String state(JsonArray held, String name, String detector, String severity) {
    for (int i = 0; i < held.size(); i++) {
      JsonObject a = held.getJsonObject(i);
      JsonObject l = a.getJsonObject("labels");
      if (name.equals(l.getString("alertname"))
          && detector.equals(l.getString("detector"))
          && severity.equals(l.getString("severity"))) {
        return a.getJsonObject("status").getString("state");
      }
    }
    return "absent";
  }

  private static String join(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return String.join(",", out);
  }

  private static ToolProcess amtool() {
    return ToolProcess.require("amtool", "prometheus-alertmanager");
  }
}
