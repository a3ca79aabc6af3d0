package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON that Alertmanager and webhooks receive. */
class AlertPayloadsTest {
  private static final Instant ACTIVE = Instant.parse("2026-11-28T07:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-28T07:03:00Z");
  private final AlertPayloads payloads =
      new AlertPayloads(
          Duration.ofMinutes(1), name -> "http://10.0.0.7:9464/api/v1/alerts?alertname=" + name);

  @Test
  void firingAlertFollowsTheAlertmanagerClientContract() {
    JsonArray body = payloads.alertmanager(List.of(alert(AlertState.FIRING, null)), NOW);

    JsonObject a = body.getJsonObject(0);
    assertThat(a.fieldNames())
        .containsExactlyInAnyOrder("labels", "annotations", "startsAt", "endsAt", "generatorURL");
    assertThat(a.getJsonObject("labels").getMap())
        .containsEntry("alertname", "NexconnBanSpike")
        .containsEntry("severity", "critical")
        .containsEntry("pod", "nexconn-exporter-0");
    assertThat(a.getJsonObject("annotations").getMap()).containsKeys("summary", "runbook_url");
    assertThat(a.getString("startsAt")).isEqualTo(ACTIVE.toString());
    assertThat(Instant.parse(a.getString("endsAt"))).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
    assertThat(a.getString("generatorURL"))
        .isEqualTo("http://10.0.0.7:9464/api/v1/alerts?alertname=NexconnBanSpike");
  }

  @Test
  void resolvedAlertEndsWhenItResolved() {
    Instant resolved = Instant.parse("2026-11-28T07:02:00Z");
    JsonObject a =
        payloads.alertmanager(List.of(alert(AlertState.RESOLVED, resolved)), NOW).getJsonObject(0);

    assertThat(a.getString("endsAt")).isEqualTo(resolved.toString());
  }

  @Test
  void webhookCarriesStatusValueAndBaseline() {
    JsonObject body = payloads.webhook("chatops", List.of(alert(AlertState.FIRING, null)), NOW);

    assertThat(body.getString("version")).isEqualTo("1");
    assertThat(body.getString("receiver")).isEqualTo("chatops");
    assertThat(body.getString("status")).isEqualTo("firing");
    JsonObject a = body.getJsonArray("alerts").getJsonObject(0);
    assertThat(a.getString("status")).isEqualTo("firing");
    assertThat(a.getDouble("value")).isEqualTo(42.0);
    assertThat(a.getDouble("baseline")).isEqualTo(1.5);
    assertThat(a.getDouble("threshold")).isEqualTo(10.0);
  }

  @Test
  void apiJsonSaysSinceWhenAndWhatCrossed() {
    JsonObject a = AlertsApiHandler.json(alert(AlertState.FIRING, null));

    assertThat(a.getString("state")).isEqualTo("firing");
    assertThat(a.getString("since")).isEqualTo("2026-11-28T07:00:01Z");
    assertThat(a.getDouble("crossedValue")).isEqualTo(42.0);
    assertThat(a.getDouble("crossedBaseline")).isEqualTo(1.5);
    assertThat(a.getString("resolvedAt")).isNull();
  }

  private static Alert alert(AlertState state, Instant resolvedAt) {
    return new Alert(
        "NexconnBanSpike",
        "critical",
        state,
        44,
        1.5,
        10,
        true,
        42,
        1.5,
        ACTIVE,
        ACTIVE.plusSeconds(1),
        resolvedAt,
        Map.of("alertname", "NexconnBanSpike", "severity", "critical", "pod", "nexconn-exporter-0"),
        Map.of("summary", "bans", "runbook_url", "https://example.com/runbook"));
  }
}
