package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.emulator.ScenarioVerticle;
import dev.nexconn.exporter.emulator.VirtualAppOptions;
import dev.nexconn.exporter.support.GrafanaDashboards;
import dev.nexconn.exporter.support.PrometheusEvidence;
import dev.nexconn.exporter.support.PrometheusServer;
import dev.nexconn.exporter.support.PrometheusText;
import dev.nexconn.exporter.support.RuleDurationScaler;
import dev.nexconn.exporter.support.WebhookTestReceiver;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and the shipped alert rules against a real Prometheus and a running sidecar.
 *
 * <p>One JVM runs the emulator, the fleet simulator and the sidecar ({@link ExporterApp}, probes
 * through the Server API token provider, SDK report ingest, presence webhooks from the emulator,
 * its own spike detector notifying a webhook); in-process so that {@code System.gc()} makes the
 * {@code jvm_gc_pause} series appear. Debian's {@code prometheus} scrapes the sidecar every second
 * and evaluates {@code prometheus/nexconn-alerts.rules.yml} every second. The scenario {@code
 * EndToEndPrometheusIT/scenario.yaml} touches every signal within about a minute (see its
 * comments), and one malformed and one partly invalid SDK report are posted so that rejected ingest
 * series exist.
 *
 * <p><b>Time compression.</b> The shipped rules use windows of minutes to hours and {@code for} of
 * minutes. Prometheus loads a copy in which every duration literal (ranges, subquery steps,
 * offsets, {@code for}) is divided by {@link #TIME_FACTOR} ({@link RuleDurationScaler}, unit tested
 * in {@code RuleDurationScalerTest}): 5m becomes 5s, 1h becomes 1m, the 1m subquery step 1s, {@code
 * for: 2m} 2s. Everything else, thresholds and warm-up sample counts included, is the shipped file
 * byte for byte, so the rules' logic is what is tested; only the clock runs 60 times faster.
 *
 * <p>Checks: every PromQL expression of every dashboard (after {@link GrafanaDashboards#expand}) is
 * valid and has at least one finite value over the run ({@link #EXEMPT} lists exceptions with their
 * reason: none today); every metric name in the dashboards and the rules is on {@code /metrics};
 * the alerts in {@link #EXPECTED_ALERTS} fired in Prometheus; and, last, stopping the sidecar fires
 * {@code NexconnExporterDown}. Bounded: the run waits at most {@link #RUN_LIMIT} for everything to
 * show, then the tests report what is missing; all listeners are on 127.0.0.1 and everything is
 * stopped in {@link #stopEverything()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndPrometheusIT {
  /** The shipped rules' durations are divided by this. */
  static final int TIME_FACTOR = 60;

  /** Alerts the scenario drives over their thresholds. */
  static final List<String> EXPECTED_ALERTS =
      List.of(
          "NexconnBanSpike",
          "NexconnKickSpike",
          "NexconnTokenExpiryWave",
          "NexconnDatabaseRecreateWave",
          "NexconnUserAbandonSpike",
          "NexconnProbesDown",
          "NexconnWatchdog");

  /** The shipped alerting rules: 6 twins, 7 about the exporter, 4 burn-rate conditions. */
  static final int ALERT_RULES = 17;

  /** Series Prometheus makes itself for every target; never on a /metrics page. */
  static final List<String> PROMETHEUS_SERIES = List.of("up");

  /**
   * Series that exist only with a {@code wss://} upstream (the last TLS handshake's certificates);
   * this run's upstream is {@code ws://}. {@code engine/ConnectPhaseIT} proves them with a test CA.
   */
  static final List<String> WSS_ONLY_SERIES =
      List.of(
          "nexconn_upstream_certificate_expiry_timestamp_seconds",
          "nexconn_upstream_chain_earliest_expiry_timestamp_seconds");

  /** Dashboard expressions allowed to return no data, with the reason. Keep it short. */
  static final Map<String, String> EXEMPT = wssOnlyExpressions();

  static final Path RULES = Path.of("prometheus/nexconn-alerts.rules.yml");

  /** The recording rules the dashboard's latency, transition and availability panels read. */
  static final Path RECORDING_RULES = Path.of("prometheus/nexconn-recording.rules.yml");

  static final Duration RUN_LIMIT = Duration.ofSeconds(150);
  static final String APP_KEY = "e2e-app-key";

  @TempDir static Path workDir;
  static Vertx vertx;

  /** The sidecar's own Vert.x, so that closing it is the sidecar process going away. */
  static Vertx sidecarVertx;

  static ExporterApp sidecar;
  static volatile boolean sidecarStopped;
  static PrometheusServer prometheus;
  static Instant runStart;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  static void runScenarioUnderPrometheus() throws Exception {
    vertx = Vertx.vertx();
    SecureRandom random = new SecureRandom();
    String appSecret = randomHex(random);
    String apiKey = randomHex(random);
    String webhookSecret = randomHex(random);
    EmulatorVerticle emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, APP_KEY, appSecret), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(30, TimeUnit.SECONDS);
    WebhookTestReceiver alertReceiver = new WebhookTestReceiver(vertx, 200);

    Map<String, String> env = new LinkedHashMap<>();
    env.put("E2E_APP_SECRET", appSecret);
    env.put("E2E_INGEST_API_KEY", apiKey);
    env.put("E2E_WEBHOOK_SECRET", webhookSecret);
    env.put(
        "E2E_UPSTREAM_URL", "ws://127.0.0.1:" + emulator.port() + EmulatorVerticle.CONNECT_PATH);
    env.put("E2E_SERVER_API_URL", "http://127.0.0.1:" + emulator.port());
    env.put("E2E_ALERT_WEBHOOK_URL", alertReceiver.url("/alerts"));
    // Shard 0 of 1, so that the shard metrics the shard alerts read exist.
    env.put("NEXCONN_SHARD_INDEX", "0");
    env.put("NEXCONN_SHARD_COUNT", "1");
    ExporterConfig config = ConfigLoader.load(resource("sidecar.yaml"), env::get).withHttpPort(0);
    sidecarVertx = Vertx.vertx();
    sidecar = ExporterApp.start(sidecarVertx, config, env::get).await(30, TimeUnit.SECONDS);
    System.gc();

    Path fastRules = workDir.resolve("nexconn-alerts.x" + TIME_FACTOR + ".rules.yml");
    Files.writeString(fastRules, RuleDurationScaler.divide(Files.readString(RULES), TIME_FACTOR));
    Path fastRecording = workDir.resolve("nexconn-recording.x" + TIME_FACTOR + ".rules.yml");
    Files.writeString(
        fastRecording, RuleDurationScaler.divide(Files.readString(RECORDING_RULES), TIME_FACTOR));
    prometheus =
        PrometheusServer.start(
            workDir, "127.0.0.1:" + sidecar.httpPort(), List.of(fastRecording, fastRules));
    runStart = Instant.now();

    String base = "http://127.0.0.1:" + sidecar.httpPort();
    VirtualAppOptions fleet = VirtualAppOptions.forSidecar(base, apiKey, webhookSecret);
    emulator.control().presenceWebhooks(List.of(fleet.webhookUrl()), webhookSecret);
    postBadReports(base, apiKey);
    vertx
        .deployVerticle(
            new ScenarioVerticle(
                emulator.control(),
                fleet.withBatchesPerSecond(400),
                List.of(resource("scenario.yaml").toString()),
                false,
                Clock.systemUTC(),
                new SplittableRandom(7),
                null))
        .await(30, TimeUnit.SECONDS);

    Instant deadline = runStart.plus(RUN_LIMIT);
    Instant nextGc = Instant.now();
    TreeSet<String> lastFired = new TreeSet<>();
    while (Instant.now().isBefore(deadline)) {
      if (Instant.now().isAfter(nextGc)) {
        System.gc();
        nextGc = Instant.now().plusSeconds(10);
      }
      TreeSet<String> fired = firedAlerts();
      if (!fired.equals(lastFired)) {
        System.out.printf(
            "EndToEndPrometheusIT: %d s: fired %s%n",
            Duration.between(runStart, Instant.now()).toSeconds(), fired);
        lastFired = fired;
      }
      if (fired.containsAll(EXPECTED_ALERTS) && dashboardExpressionsWithoutData().isEmpty()) {
        break;
      }
      Thread.sleep(2_000);
    }
  }

  @AfterAll
  static void stopEverything() throws Exception {
    System.out.println(
        "EndToEndPrometheusIT: scenario ran "
            + (runStart == null ? "-" : Duration.between(runStart, Instant.now()).toSeconds())
            + " s under Prometheus");
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } finally {
      try {
        try {
          if (sidecar != null && !sidecarStopped) {
            sidecar.stop().await(15, TimeUnit.SECONDS);
          }
        } finally {
          if (sidecarVertx != null && !sidecarStopped) {
            sidecarVertx.close().await(15, TimeUnit.SECONDS);
          }
        }
      } finally {
        if (vertx != null) {
          vertx.close().await(15, TimeUnit.SECONDS);
        }
      }
    }
  }

  @Test
  void everyDashboardExpressionReturnsData() throws Exception {
    assertThat(dashboardExpressionsWithoutData()).isEmpty();
  }

  @Test
  void everyMetricNameOfTheDashboardsAndRulesIsOnMetrics() throws Exception {
    TreeSet<String> used = new TreeSet<>();
    for (Path file : GrafanaDashboards.files()) {
      for (String expr : GrafanaDashboards.expressions(GrafanaDashboards.read(file))) {
        used.addAll(GrafanaDashboards.metricNames(expr));
      }
    }
    List<String> ruleExprs = PrometheusEvidence.ruleExpressions(RULES);
    assertThat(ruleExprs).hasSize(ALERT_RULES);
    ruleExprs = new ArrayList<>(ruleExprs);
    ruleExprs.addAll(PrometheusEvidence.ruleExpressions(RECORDING_RULES));
    for (String expr : ruleExprs) {
      used.addAll(PrometheusEvidence.seriesNames(expr));
    }
    // Recorded series (level:metric:operations, slo:...) come from Prometheus, not from /metrics,
    // and so does up.
    used.removeIf(name -> name.contains(":"));
    assertThat(used).containsAll(PROMETHEUS_SERIES).containsAll(WSS_ONLY_SERIES);
    used.removeAll(PROMETHEUS_SERIES);
    used.removeAll(WSS_ONLY_SERIES);
    TreeSet<String> exposed = PrometheusEvidence.sampleNames(scrape());

    assertThat(used)
        .contains(
            "nexconn_connection_status_transitions_total",
            "nexconn_database_opened_total",
            "jvm_gc_pause_seconds_sum",
            "process_files_open_files",
            "nexconn_shard_ordinal",
            "nexconn_probe_seconds_total");
    assertThat(exposed).containsAll(used);
  }

  @Test
  void theScenarioFiresTheShippedAlertsInPrometheus() throws Exception {
    JsonNode groups = prometheus.get("/api/v1/rules").path("groups");
    List<String> loaded = new ArrayList<>();
    for (JsonNode g : groups) {
      for (JsonNode r : g.path("rules")) {
        assertThat(r.path("health").asText())
            .as(r.path("name") + ": " + r.path("lastError"))
            .isEqualTo("ok");
        if (r.path("type").asText().equals("alerting")) {
          loaded.add(r.path("name").asText());
        }
      }
    }
    assertThat(loaded).hasSize(ALERT_RULES).containsAll(EXPECTED_ALERTS);

    assertThat(firedAlerts()).containsAll(EXPECTED_ALERTS);
  }

  @Test
  void theScenarioExercisedEverySignal() throws Exception {
    String m = scrape();
    String t = "nexconn_connection_status_transitions_total";
    Map<String, Double> signals = new LinkedHashMap<>();
    for (String to :
        List.of(
            "disconn_exception",
            "kicked_offline_by_other_client",
            "token_incorrect",
            "user_abandon",
            "suspend")) {
      signals.put(
          "sdk transitions to " + to, PrometheusText.value(m, t, "source", "sdk", "to", to));
    }
    signals.put("probe drops", PrometheusText.value(m, t, "source", "probe", "from", "connected"));
    signals.put(
        "probe reconnects",
        PrometheusText.value(m, "nexconn_reconnect_attempts_total", "source", "probe"));
    signals.put(
        "probe recoveries", PrometheusText.value(m, "nexconn_reconnect_recovery_seconds_count"));
    signals.put("heartbeats", PrometheusText.value(m, "nexconn_heartbeat_rtt_seconds_count"));
    signals.put(
        "token failures expired",
        PrometheusText.value(m, "nexconn_token_failures_total", "reason", "expired"));
    signals.put(
        "token refreshes",
        PrometheusText.value(m, "nexconn_token_refreshes_total", "outcome", "success"));
    signals.put(
        "databases recreated",
        PrometheusText.value(m, "nexconn_database_opened_total", "recreated", "true"));
    for (String presence : List.of("connected", "disconnected", "logged_out")) {
      signals.put(
          "presence " + presence,
          PrometheusText.value(m, "nexconn_presence_changes_total", "presence", presence));
    }
    for (String outcome : List.of("accepted", "rejected")) {
      signals.put(
          "ingest batches " + outcome,
          PrometheusText.value(m, "nexconn_ingest_batches_total", "outcome", outcome));
      signals.put(
          "ingest events " + outcome,
          PrometheusText.value(m, "nexconn_ingest_events_total", "outcome", outcome));
    }
    signals.put(
        "alert notifications delivered",
        PrometheusText.value(m, "nexconn_alert_notifications_total", "outcome", "success"));
    signals.put("gc pauses", PrometheusText.value(m, "jvm_gc_pause_seconds_count"));

    assertThat(signals).allSatisfy((name, value) -> assertThat(value).as(name).isPositive());
  }

  /**
   * Runs last: stops the sidecar, and Prometheus's failing scrapes raise NexconnExporterDown for
   * its target (with the scaled {@code for: 2m}, 2 s) while the Watchdog keeps firing.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void stoppingTheSidecarFiresNexconnExporterDown() throws Exception {
    String down = "ALERTS{alertname=\"NexconnExporterDown\",alertstate=\"firing\"}";
    assertThat(prometheus.query(down).path("result")).as("firing before the stop").isEmpty();
    JsonNode up = prometheus.query("up{job=\"nexconn-exporter\"}").path("result");
    assertThat(up).hasSize(1);
    assertThat(up.get(0).path("value").path(1).asText()).as("up before the stop").isEqualTo("1");

    int port = sidecar.httpPort();
    Instant stopped = Instant.now();
    // As when the process dies: the probes end and the HTTP server (and /metrics) goes away.
    sidecar.stop().await(15, TimeUnit.SECONDS);
    sidecarVertx.close().await(15, TimeUnit.SECONDS);
    sidecarStopped = true;

    JsonNode firing = null;
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      JsonNode result = prometheus.query(down).path("result");
      if (!result.isEmpty()) {
        firing = result.get(0).path("metric");
        break;
      }
      Thread.sleep(500);
    }
    assertThat(firing).as("NexconnExporterDown fired within 30 s of the stop").isNotNull();
    System.out.printf(
        "EndToEndPrometheusIT: NexconnExporterDown firing %d ms after the sidecar stopped%n",
        Duration.between(stopped, Instant.now()).toMillis());
    assertThat(firing.path("job").asText()).isEqualTo("nexconn-exporter");
    assertThat(firing.path("pod").asText()).isEqualTo("nexconn-exporter-0");
    assertThat(firing.path("namespace").asText()).isEqualTo("test");
    assertThat(firing.path("severity").asText()).isEqualTo("critical");
    assertThat(firing.path("instance").asText()).isEqualTo("127.0.0.1:" + port);
    assertThat(
            prometheus
                .query("ALERTS{alertname=\"NexconnWatchdog\",alertstate=\"firing\"}")
                .path("result"))
        .as("the Watchdog keeps firing")
        .hasSize(1);
  }

  static TreeSet<String> firedAlerts() throws Exception {
    return PrometheusEvidence.firedAlerts(prometheus, runStart);
  }

  /** Every dashboard expression that reads only a {@link #WSS_ONLY_SERIES} series. */
  private static Map<String, String> wssOnlyExpressions() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    try {
      for (Path file : GrafanaDashboards.files()) {
        for (String expr : GrafanaDashboards.expressions(GrafanaDashboards.read(file))) {
          java.util.Set<String> names =
              PrometheusEvidence.seriesNames(GrafanaDashboards.expand(expr));
          if (!names.isEmpty() && WSS_ONLY_SERIES.containsAll(names)) {
            out.put(expr, "certificate series exist only with a wss:// upstream");
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the dashboards", e);
    }
    return out;
  }

  static List<String> dashboardExpressionsWithoutData() throws Exception {
    return PrometheusEvidence.dashboardExpressionsWithoutData(
        prometheus, runStart, EXEMPT.keySet());
  }

  private static String scrape() throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + sidecar.httpPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * One malformed body (a rejected batch) and one batch with an unknown status next to a good event
   * (a rejected event), so the rejected ingest series carry data.
   */
  private static void postBadReports(String base, String apiKey) throws Exception {
    long now = System.currentTimeMillis();
    String partlyInvalid =
        "{\"batchId\":\"e2e-bad-1\",\"app\":{\"platform\":\"web\",\"appVersion\":\"5.2.1\"},"
            + "\"events\":[{\"type\":\"status\",\"at\":"
            + now
            + ",\"status\":\"connected\"},{\"type\":\"status\",\"at\":"
            + now
            + ",\"status\":\"no_such_status\"}]}";
    assertThat(post(base + "/api/v1/events", "{not json", apiKey)).isEqualTo(400);
    assertThat(post(base + "/api/v1/events", partlyInvalid, apiKey)).isEqualTo(202);
  }

  private static int post(String url, String body, String apiKey) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static Path resource(String name) throws Exception {
    return Path.of(EndToEndPrometheusIT.class.getResource("/EndToEndPrometheusIT/" + name).toURI());
  }

  private static String randomHex(SecureRandom random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
