package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.support.AlertEvents;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void webhookAndAlertmanagerReceiversGetTheirOwnPayloads() throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              paths.add(req.path());
                              bodies.add(b.toString());
                              req.response().setStatusCode(200).end();
                            }))
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    String base = "http://127.0.0.1:" + server.actualPort();
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

    await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() >= 2);
    int hook = paths.indexOf("/hooks/nexconn");
    int am = paths.indexOf("/api/v2/alerts");
    assertThat(hook).isNotNegative();
    assertThat(am).isNotNegative();
    JsonObject webhook = new JsonObject(bodies.get(hook));
    assertThat(webhook.getString("receiver")).isEqualTo("chatops");
    assertThat(webhook.getString("status")).isEqualTo("firing");
    JsonObject alert = webhook.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getJsonObject("labels").getString("alertname"))
        .isEqualTo("NexconnUserAbandonSpike");
    assertThat(alert.getDouble("value")).isEqualTo(10.0);
    assertThat(alert.getString("generatorURL"))
        .isEqualTo("https://nexconn.example.com/api/v1/alerts?alertname=NexconnUserAbandonSpike");
    assertThat(
            new JsonArray(bodies.get(am)).getJsonObject(0).getJsonObject("labels").getString("pod"))
        .isEqualTo("p-0");
  }
}
