package dev.nexconn.exporter.support;

import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.ExporterApp;
import dev.nexconn.exporter.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Alert detection latency as an operator sees it: a sidecar in this JVM with SDK ingest and a
 * {@code for: 0s} ban rule (floor 10, 1 s window) delivering to a real Alertmanager on loopback.
 * Each repetition posts one SDK report batch whose bans cross the floor and times, from just before
 * the POST, until {@code GET /api/v1/alerts} shows {@code NexconnBanSpike} firing and until
 * Alertmanager's {@code GET /api/v2/alerts} holds it; then waits for it to resolve in both.
 */
public final class AlertLatency implements AutoCloseable {
  private static final String KEY = "bench-alert-key-0123456789abcdef";
  private static final Duration POLL = Duration.ofMillis(2);

  /** One repetition: POST answered, sidecar firing, Alertmanager holding it. */
  public record Sample(Duration posted, Duration sidecarFiring, Duration alertmanager) {}

  private final Vertx vertx;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AlertmanagerProcess am;
  private final ExporterApp app;
  private int batch;

  private AlertLatency(AlertmanagerProcess am, Vertx vertx, ExporterApp app) {
    this.am = am;
    this.vertx = vertx;
    this.app = app;
  }

  /** Starts Alertmanager (under {@code dir}) and the sidecar; fails if the binary is missing. */
  public static AlertLatency start(java.nio.file.Path dir) throws Exception {
    ExternalTool.require("prometheus-alertmanager", "prometheus-alertmanager");
    AlertmanagerProcess am = AlertmanagerProcess.start(dir);
    String yaml =
        """
        http: {host: 127.0.0.1, port: 0}
        ingest:
          apiKeysEnv: BENCH_ALERT_KEYS
        alerting:
          bucket: 100ms
          resendInterval: 1s
          resolvedRetention: 1s
          alertmanagers:
            - name: am
              url: %s
          delivery: {initialBackoff: 100ms, maxBackoff: 1s, timeout: 1s}
          rules:
            - name: NexconnBanSpike
              window: 1s
              baselineWindow: 20s
              floor: 10
              ratio: 0
              for: 0s
        """
            .formatted(am.baseUrl());
    Map<String, String> env = Map.of("BENCH_ALERT_KEYS", KEY);
    Vertx vertx = Vertx.vertx();
    try {
      ExporterApp app =
          ExporterApp.start(vertx, ConfigLoader.parse(yaml, env::get), env::get)
              .await(20, TimeUnit.SECONDS);
      return new AlertLatency(am, vertx, app);
    } catch (Exception | AssertionError e) {
      vertx.close().await(10, TimeUnit.SECONDS);
      am.stop();
      throw e;
    }
  }

  /** Runs {@code n} repetitions, each waiting for the previous alert to resolve first. */
  public List<Sample> measure(int n) throws Exception {
    List<Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !"firing".equals(sidecarState()) && !inAlertmanager());
      out.add(once());
    }
    return out;
  }

  /** Median and max of each measure, as one benchmark log line. */
  public static String summary(List<Sample> samples) {
    return String.format(
        "BENCH alert repetitions=%d posted_ms median=%.1f max=%.1f sidecar_firing_ms median=%.1f"
            + " max=%.1f alertmanager_ms median=%.1f max=%.1f",
        samples.size(),
        median(samples, Sample::posted),
        max(samples, Sample::posted),
        median(samples, Sample::sidecarFiring),
        max(samples, Sample::sidecarFiring),
        median(samples, Sample::alertmanager),
        max(samples, Sample::alertmanager));
  }

  private static double median(List<Sample> samples, Function<Sample, Duration> f) {
    double[] ms = samples.stream().map(f).mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
    int mid = ms.length / 2;
    return ms.length % 2 == 1 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2;
  }

  private static double max(List<Sample> samples, Function<Sample, Duration> f) {
    return samples.stream().map(f).mapToDouble(d -> d.toNanos() / 1e6).max().orElse(0);
  }

  private Sample once() throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/events"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bans(12)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long posted = System.nanoTime() - t0;
    if (r.statusCode() != 202) {
      throw new AssertionError("POST /api/v1/events -> " + r.statusCode() + ": " + r.body());
    }
    long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
    while (!"firing".equals(sidecarState())) {
      pause(deadline, "the sidecar to show NexconnBanSpike firing");
    }
    long firing = System.nanoTime() - t0;
    while (!inAlertmanager()) {
      pause(deadline, "Alertmanager to hold NexconnBanSpike");
    }
    long delivered = System.nanoTime() - t0;
    return new Sample(
        Duration.ofNanos(posted), Duration.ofNanos(firing), Duration.ofNanos(delivered));
  }

  private static void pause(long deadline, String what) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new AssertionError("timed out after 10 s waiting for " + what);
    }
    Thread.sleep(POLL.toMillis());
  }

  private String bans(int n) {
    long now = System.currentTimeMillis();
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < n; i++) {
      events
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"status\",\"at\":")
          .append(now)
          .append(",\"status\":\"disconn_exception\",\"errorCode\":31011}");
    }
    return "{\"batchId\":\"alert-bench-"
        + batch++
        + "\",\"app\":{\"platform\":\"android\",\"appVersion\":\"5.2.1\",\"sdkVersion\":\"5.10.0\"},"
        + "\"events\":["
        + events
        + "]}";
  }

  private String sidecarState() throws IOException, InterruptedException {
    JsonArray alerts =
        new JsonObject(get(base() + "/api/v1/alerts?alertname=NexconnBanSpike"))
            .getJsonArray("alerts");
    return alerts.isEmpty() ? "" : alerts.getJsonObject(0).getString("state");
  }

  private boolean inAlertmanager() throws IOException, InterruptedException {
    JsonArray alerts = am.alerts();
    for (int i = 0; i < alerts.size(); i++) {
      if ("NexconnBanSpike"
          .equals(alerts.getJsonObject(i).getJsonObject("labels").getString("alertname"))) {
        return true;
      }
    }
    return false;
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " -> " + r.statusCode());
    }
    return r.body();
  }

  private String base() {
    return "http://127.0.0.1:" + app.httpPort();
  }

  @Override
  public void close() throws Exception {
    try {
      app.stop().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      am.stop();
    }
  }
}
