package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.support.AlertEvents;
import dev.nexconn.exporter.support.WebhookTestReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generic JSON webhook over a real loopback socket: the receiver gets the firing alert with its
 * value and baseline, and an Alertmanager-kind receiver next to it gets the v2 array at {@code
 * /api/v2/alerts}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebhookDeliveryIT {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void webhookAndAlertmanagerReceiversGetTheirOwnPayloads() throws Exception {
    WebhookTestReceiver receiver = new WebhookTestReceiver(vertx, 200);
    String base = receiver.url("");
    AlertingConfig config =
        SpikeDetectorTest.config(
            """
            externalUrl: https://nexconn.example.com/
            alertmanagers:
              - name: am
                url: %s/
            webhooks:
              - name: chatops
                url: %s/hooks/nexconn
            rules:
              - name: NexconnUserAbandonSpike
                ratio: 0
            """
                .formatted(base, base));
    WebClient client = WebClient.create(vertx);
    AlertingService service =
        AlertingService.create(
            client, config, Clock.systemUTC(), Map.of("POD_NAME", "p-0")::get, () -> 9464);

    for (int i = 0; i < 12; i++) {
      service.onEvent(AlertEvents.sdk(ConnectionStatus.USER_ABANDON, Instant.now()));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 2);
    JsonObject webhook = sentTo(receiver, "/hooks/nexconn").body();
    assertThat(webhook.getString("receiver")).isEqualTo("chatops");
    assertThat(webhook.getString("status")).isEqualTo("firing");
    JsonObject alert = webhook.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getJsonObject("labels").getString("alertname"))
        .isEqualTo("NexconnUserAbandonSpike");
    assertThat(alert.getDouble("value")).isEqualTo(10.0);
    assertThat(alert.getString("generatorURL"))
        .isEqualTo("https://nexconn.example.com/api/v1/alerts?alertname=NexconnUserAbandonSpike");
    assertThat(
            new JsonArray(sentTo(receiver, "/api/v2/alerts").text())
                .getJsonObject(0)
                .getJsonObject("labels")
                .getString("pod"))
        .isEqualTo("p-0");
  }

  private static WebhookTestReceiver.Received sentTo(WebhookTestReceiver receiver, String path) {
    return receiver.received().stream()
        .filter(r -> r.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing was sent to " + path));
  }
}
