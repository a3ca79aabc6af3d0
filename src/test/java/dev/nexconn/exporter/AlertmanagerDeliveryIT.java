package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.AlertmanagerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar against a real Alertmanager on loopback: a ban spike published into the running
 * sidecar's event bus shows up in Alertmanager's {@code GET /api/v2/alerts} with the expected
 * labels and annotations and then resolves; and an alert raised while Alertmanager is stopped
 * arrives once it is back. Windows and intervals are seconds long so the test takes seconds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertmanagerDeliveryIT {
  private static final Map<String, String> ENV =
      Map.of(
          "POD_NAME",
          "nexconn-exporter-it-0",
          "POD_NAMESPACE",
          "monitoring",
          "POD_IP",
          "127.0.0.1");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private AlertmanagerProcess am;
  private Vertx vertx;
  private ExporterApp app;

  @BeforeEach
  void startAlertmanager() throws Exception {
    am = AlertmanagerProcess.start(dir);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (app != null) {
      app.stop().await(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (am != null) {
      am.stop();
    }
  }

  @Test
  void banSpikeReachesAlertmanagerWithLabelsAndAnnotationsThenResolves() throws Exception {
    startSidecar("window: 2s\nbaselineWindow: 20s\nfloor: 10\nratio: 3\nfor: 0s");
    await().atMost(Duration.ofSeconds(15)).until(() -> sidecarAlert().getBoolean("baselineReady"));

    Instant spike = Instant.now();
    publishBans(30);

    JsonObject local = sidecarAlert();
    assertThat(local.getString("state")).isEqualTo("firing");
    assertThat(local.getDouble("crossedValue")).isGreaterThanOrEqualTo(10);
    assertThat(Duration.between(spike, Instant.parse(local.getString("firingAt"))))
        .isLessThan(Duration.ofSeconds(2));

    JsonObject delivered =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> banAlertInAlertmanager(), a -> a != null);
    assertThat(delivered.getJsonObject("labels").getMap())
        .containsEntry("alertname", "NexconnBanSpike")
        .containsEntry("severity", "critical")
        .containsEntry("pod", "nexconn-exporter-it-0")
        .containsEntry("namespace", "monitoring")
        .containsEntry("detector", "sidecar")
        .containsEntry("cluster", "it");
    assertThat(delivered.getJsonObject("annotations").getString("summary"))
        .isEqualTo("Nexconn users are being banned in a spike");
    assertThat(delivered.getJsonObject("annotations").getString("description"))
        .contains("disconn_exception")
        .contains("last 2s");
    assertThat(delivered.getJsonObject("annotations").getString("runbook_url"))
        .endsWith("docs/alerting.md#nexconnbanspike");
    assertThat(delivered.getJsonObject("status").getString("state")).isEqualTo("active");
    String generator = delivered.getString("generatorURL");
    assertThat(generator)
        .isEqualTo(
            "http://127.0.0.1:" + app.httpPort() + "/api/v1/alerts?alertname=NexconnBanSpike");
    assertThat(get(generator)).contains("\"alertname\":\"NexconnBanSpike\"");
    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(URI.create(sidecarUrl("/api/v1/alerts?state=burning"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("state must be inactive, pending, firing or resolved");

    await().atMost(Duration.ofSeconds(10)).until(() -> banAlertInAlertmanager() == null);
    assertThat(sidecarAlert().getString("state")).isEqualTo("resolved");
    assertThat(get(sidecarUrl("/metrics")))
        .contains(
            "nexconn_alerts{alertname=\"NexconnBanSpike\",severity=\"critical\",state=\"resolved\"} 1.0")
        .containsPattern(
            "nexconn_alert_notifications_total\\{outcome=\"success\",receiver=\"am\"} [1-9]");
  }

  @Test
  void alertRaisedWhileAlertmanagerIsDownArrivesOnceItIsBack() throws Exception {
    // Floor only (ratio 0): no baseline to wait for, and a 30 s window keeps it firing through
    // the outage. The ratio logic has its own tests.
    startSidecar("window: 30s\nbaselineWindow: 5m\nfloor: 10\nratio: 0\nfor: 0s");
    am.stop();

    publishBans(20);
    assertThat(sidecarAlert().getString("state")).isEqualTo("firing");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> get(sidecarUrl("/metrics")),
            m ->
                m.matches(
                    "(?s).*nexconn_alert_notifications_total\\{outcome=\"failure\",receiver=\"am\"}"
                        + " [2-9].*"));

    am.restart();

    JsonObject delivered =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> banAlertInAlertmanager(), a -> a != null);
    assertThat(delivered.getJsonObject("labels").getString("pod"))
        .isEqualTo("nexconn-exporter-it-0");
    assertThat(Instant.parse(delivered.getString("endsAt"))).isAfter(Instant.now());
  }

  private void startSidecar(String banRule) throws Exception {
    String yaml =
        """
        http:
          host: 127.0.0.1
          port: 0
        alerting:
          bucket: 100ms
          resendInterval: 1s
          resolvedRetention: 30s
          externalLabels:
            cluster: it
          alertmanagers:
            - name: am
              url: %s
          delivery:
            initialBackoff: 100ms
            maxBackoff: 1s
            timeout: 1s
          rules:
            - name: NexconnBanSpike
        %s
        """
            .formatted(am.baseUrl(), banRule.indent(6));
    ExporterConfig config = ConfigLoader.parse(yaml, ENV::get);
    app = ExporterApp.start(vertx, config, ENV::get).await(20, TimeUnit.SECONDS);
  }

  private void publishBans(int n) {
    for (int i = 0; i < n; i++) {
      app.bus()
          .publish(
              new StatusChanged(
                  EventSource.SDK,
                  Instant.now(),
                  new Dimensions("android", "5.2.1", ""),
                  "",
                  "user-" + i,
                  ConnectionStatus.CONNECTED,
                  ConnectionStatus.DISCONN_EXCEPTION,
                  31011));
    }
  }

  private JsonObject banAlertInAlertmanager() throws Exception {
    JsonArray alerts = am.alerts();
    for (int i = 0; i < alerts.size(); i++) {
      JsonObject a = alerts.getJsonObject(i);
      if ("NexconnBanSpike".equals(a.getJsonObject("labels").getString("alertname"))) {
        return a;
      }
    }
    return null;
  }

  private JsonObject sidecarAlert() throws Exception {
    JsonArray alerts =
        new JsonObject(get(sidecarUrl("/api/v1/alerts?alertname=NexconnBanSpike")))
            .getJsonArray("alerts");
    return alerts.getJsonObject(0);
  }

  private String sidecarUrl(String path) {
    return "http://127.0.0.1:" + app.httpPort() + path;
  }

  private String get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET " + url).isEqualTo(200);
    return r.body();
  }
}
