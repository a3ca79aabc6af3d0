package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.emulator.ScenarioVerticle;
import dev.nexconn.exporter.emulator.VirtualAppOptions;
import dev.nexconn.exporter.support.AlertmanagerProcess;
import dev.nexconn.exporter.support.NoBlockedThreads;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar against a real Alertmanager on loopback, fed by the emulator's ban-spike scenario.
 *
 * <p>One JVM runs the emulator ({@link EmulatorVerticle}), the sidecar ({@link ExporterApp}: two
 * probes through the Server API token provider, SDK report ingest, presence webhooks) and the
 * scenario player with its fleet simulator reporting to the sidecar's ingest endpoint; Debian's
 * {@code prometheus-alertmanager} runs as a child process. The scenario {@code
 * AlertmanagerDeliveryIT/ban-spike.yaml} is the built-in {@code ban-spike} on a seconds timeline:
 * at 3 s every online user is banned, so bans reach the detector both as SDK reports and as the
 * probes' own disconnects (31011) through the engine. The sidecar's ban rule is overridden to a
 * window of seconds so the class takes seconds.
 *
 * <p>Checks: the {@code NexconnBanSpike} alert appears in Alertmanager's {@code GET /api/v2/alerts}
 * with the expected labels and annotations and resolves after the scenario; and with Alertmanager
 * stopped during the run, the alert raised meanwhile arrives once it is back. All listeners are on
 * 127.0.0.1; everything is stopped in {@link #stopAll()}, also when a test fails.
 */
@ExtendWith(NoBlockedThreads.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertmanagerDeliveryIT {
  private static final String APP_KEY = "am-it-app-key";
  private static final Duration BAN_AT = Duration.ofSeconds(3);

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> env =
      Map.of(
          "POD_NAME",
          "nexconn-exporter-it-0",
          "POD_NAMESPACE",
          "monitoring",
          "POD_IP",
          "127.0.0.1",
          "AM_IT_APP_SECRET",
          EmulatorOptions.randomSecret(),
          "AM_IT_INGEST_API_KEY",
          EmulatorOptions.randomSecret(),
          "AM_IT_WEBHOOK_SECRET",
          EmulatorOptions.randomSecret());
  private AlertmanagerProcess am;
  private Vertx vertx;
  private EmulatorVerticle emulator;
  private ExporterApp app;

  @BeforeEach
  void startAlertmanagerAndEmulator() throws Exception {
    am = AlertmanagerProcess.start(dir);
    vertx = Vertx.vertx();
    emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, APP_KEY, env.get("AM_IT_APP_SECRET")),
            Clock.systemUTC());
    vertx.deployVerticle(emulator).await(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopAll() throws Exception {
    try {
      if (app != null) {
        app.stop().await(10, TimeUnit.SECONDS);
      }
    } finally {
      try {
        if (vertx != null) {
          vertx.close().await(10, TimeUnit.SECONDS);
        }
      } finally {
        if (am != null) {
          am.stop();
        }
      }
    }
  }

  @Test
  void banSpikeReachesAlertmanagerWithLabelsAndAnnotationsThenResolves() throws Exception {
    startSidecar("window: 2s\nbaselineWindow: 20s\nfloor: 10\nratio: 3\nfor: 0s");
    // The ratio test needs a baseline; start the scenario once it has one.
    await().atMost(Duration.ofSeconds(15)).until(() -> sidecarAlert().getBoolean("baselineReady"));

    ScenarioVerticle scenario = playBanSpike();
    // The scenario's clock starts when its verticle is deployed, that is by now.
    Instant start = Instant.now();

    JsonObject delivered =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> banAlertInAlertmanager(), a -> a != null);
    JsonObject local = sidecarAlert();
    // With a 2 s window the alert may already have resolved by the time Alertmanager has it.
    assertThat(local.getString("state")).isIn("firing", "resolved");
    assertThat(local.getDouble("crossedValue")).isGreaterThanOrEqualTo(10);
    // From the ban step to firing: the fleet's report batching (up to 1 s) plus the detector.
    Duration detection =
        Duration.between(start.plus(BAN_AT), Instant.parse(local.getString("firingAt")));
    System.out.printf("AlertmanagerDeliveryIT: ban step to firing %d ms%n", detection.toMillis());
    // Generous on a loaded CI machine: the 2 s bound itself is asserted with an injected clock in
    // SpikeDetectorTest and measured by AlertDetectionLatencyBench.
    assertThat(detection).isLessThan(Duration.ofSeconds(5));

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
        .endsWith("docs/runbooks.md#nexconnbanspike");
    assertThat(delivered.getJsonObject("annotations").getString("dashboard_url"))
        .endsWith("/d/nexconn-overview");
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

    scenario.finished().await(20, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> banAlertInAlertmanager() == null);
    assertThat(sidecarAlert().getString("state")).isEqualTo("resolved");
    String metrics = get(sidecarUrl("/metrics"));
    assertThat(metrics)
        .contains(
            "nexconn_alerts{alertname=\"NexconnBanSpike\",severity=\"critical\",state=\"resolved\"} 1.0")
        .containsPattern(
            "nexconn_alert_notifications_total\\{outcome=\"success\",receiver=\"am\"} [1-9]");
    // The bans came through both real paths: SDK reports and the probes' engine.
    String t = "nexconn_connection_status_transitions_total";
    assertThat(PrometheusText.value(metrics, t, "source", "sdk", "to", "disconn_exception"))
        .as("SDK-reported bans")
        .isGreaterThanOrEqualTo(10);
    assertThat(PrometheusText.value(metrics, t, "source", "probe", "to", "disconn_exception"))
        .as("probe bans")
        .isPositive();
  }

  @Test
  void alertRaisedWhileAlertmanagerIsDownArrivesOnceItIsBack() throws Exception {
    // Floor only (ratio 0): no baseline to wait for, and a 30 s window keeps it firing through
    // the outage. The ratio logic has its own tests.
    startSidecar("window: 30s\nbaselineWindow: 5m\nfloor: 10\nratio: 0\nfor: 0s");
    playBanSpike();
    am.stop();
    assertThat(sidecarAlert().getString("state"))
        .as("Alertmanager stopped before the ban step")
        .isEqualTo("inactive");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sidecarAlert().getString("state"), "firing"::equals);
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
        upstream:
          url: ws://127.0.0.1:%d%s
        probes:
          groups:
            - name: am-it
              count: 2
              idPrefix: am-it-probe-
              token:
                type: server-api
                url: http://127.0.0.1:%d
                appKey: %s
                appSecretEnv: AM_IT_APP_SECRET
        ingest:
          apiKeysEnv: AM_IT_INGEST_API_KEY
          webhook: {secretEnv: AM_IT_WEBHOOK_SECRET}
          # the whole fleet reports with one key
          rateLimit: {batchesPerSecond: 2000, burst: 4000}
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
        shutdown:
          graceSeconds: 1
        """
            .formatted(
                emulator.port(),
                EmulatorVerticle.CONNECT_PATH,
                emulator.port(),
                APP_KEY,
                am.baseUrl(),
                banRule.indent(6));
    ExporterConfig config = ConfigLoader.parse(yaml, env::get);
    app = ExporterApp.start(vertx, config, env::get).await(20, TimeUnit.SECONDS);
  }

  /**
   * Points the emulator's presence webhooks at the sidecar and plays the scenario with the fleet
   * reporting to the sidecar's ingest endpoint.
   */
  private ScenarioVerticle playBanSpike() throws Exception {
    String base = "http://127.0.0.1:" + app.httpPort();
    String webhookSecret = env.get("AM_IT_WEBHOOK_SECRET");
    VirtualAppOptions fleet =
        VirtualAppOptions.forSidecar(base, env.get("AM_IT_INGEST_API_KEY"), webhookSecret)
            .withBatchesPerSecond(400);
    emulator.control().presenceWebhooks(List.of(fleet.webhookUrl()), webhookSecret);
    String scenario =
        Path.of(getClass().getResource("/AlertmanagerDeliveryIT/ban-spike.yaml").toURI())
            .toString();
    ScenarioVerticle player =
        new ScenarioVerticle(
            emulator.control(),
            fleet,
            List.of(scenario),
            false,
            Clock.systemUTC(),
            new SplittableRandom(7),
            null);
    vertx.deployVerticle(player).await(20, TimeUnit.SECONDS);
    return player;
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
