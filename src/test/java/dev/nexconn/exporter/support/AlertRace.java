package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Time to alert, the sidecar against a real Prometheus on the same event stream, as deployed: each
 * repetition is a pair of the built jar (its default rules, delivering to a real Alertmanager) and
 * Debian's Prometheus scraping it and evaluating the shipped {@code
 * prometheus/nexconn-alerts.rules.yml} every {@link #INTERVAL} (also sending to that Alertmanager).
 * Both learn the same baseline: one ban per interval from the start. After {@link #WARMUP} (the
 * shipped rule needs 10 one-minute steps of history before its 5-minute offset), one batch of
 * {@link #SPIKE} bans is posted to the pair; from just before that POST the race times the
 * sidecar's {@code firing}, its alert active in Alertmanager, and Prometheus's {@code pending},
 * {@code firing} and its alert active in Alertmanager. The pairs run side by side with their spikes
 * {@link #STAGGER} apart, so that ten repetitions take one warm-up rather than ten.
 *
 * <p>{@code scale} divides every time (intervals, warm-up, the shipped rules' windows and {@code
 * for} through {@link RuleDurationScaler}, the sidecar's ban rule window and baseline) so that the
 * smoke test runs the same race in seconds; the benchmark uses 1.
 */
public final class AlertRace {
  static final Duration INTERVAL = Duration.ofSeconds(15);
  static final Duration WARMUP = Duration.ofSeconds(17 * 60);
  static final Duration STAGGER = Duration.ofSeconds(20);
  static final int SPIKE = 100;
  private static final Path RULES = Path.of("prometheus/nexconn-alerts.rules.yml");
  private static final String KEY = "bench-race-key-0123456789abcdef";

  /** One repetition, each time from just before the POST of the spike; -1 when never seen. */
  public record Sample(
      double sidecarFiringMs,
      double sidecarAlertmanagerMs,
      double prometheusPendingMs,
      double prometheusFiringMs,
      double prometheusAlertmanagerMs) {}

  private AlertRace() {}

  /** Runs {@code reps} pairs at {@code scale} (1: real time) under {@code dir}. */
  public static List<Sample> run(Path dir, int reps, int scale) throws Exception {
    int[] baselines = new int[reps];
    java.util.Arrays.fill(baselines, 1);
    return run(dir, scale, baselines);
  }

  /**
   * Runs one pair per entry of {@code baselineBans}, each with that many bans per interval before
   * its spike (0: a quiet start, where only the series the sidecar registers at zero give
   * Prometheus a history).
   */
  public static List<Sample> run(Path dir, int scale, int... baselineBans) throws Exception {
    int reps = baselineBans.length;
    ExternalTool.require("prometheus-alertmanager", "prometheus-alertmanager");
    Duration interval = INTERVAL.dividedBy(scale);
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RuleDurationScaler.divide(Files.readString(RULES), scale));
    List<Pair> pairs = new ArrayList<>();
    ExecutorService pool = Executors.newCachedThreadPool();
    AtomicBoolean running = new AtomicBoolean(true);
    Files.createDirectories(dir.resolve("am"));
    try (AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"))) {
      for (int i = 0; i < reps; i++) {
        pairs.add(Pair.start(dir.resolve("pair-" + i), i, scale, interval, rules, am));
      }
      long start = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        Pair p = pairs.get(i);
        int bans = baselineBans[i];
        pool.submit(() -> p.baseline(interval, bans, running));
      }
      List<Future<Sample>> results = new ArrayList<>();
      for (int i = 0; i < reps; i++) {
        long due = start + WARMUP.plus(STAGGER.multipliedBy(i)).dividedBy(scale).toNanos();
        Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
        Pair p = pairs.get(i);
        long t0 = System.nanoTime();
        p.post(SPIKE);
        double firing = p.awaitSidecarFiring(t0);
        double inAm = p.awaitInAlertmanager(am, "sidecar", t0, Duration.ofSeconds(10));
        results.add(pool.submit(() -> p.watchPrometheus(am, t0, firing, inAm, scale)));
      }
      List<Sample> out = new ArrayList<>();
      for (Future<Sample> f : results) {
        out.add(f.get(10, TimeUnit.MINUTES));
      }
      return out;
    } finally {
      running.set(false);
      pool.shutdownNow();
      for (Pair p : pairs) {
        p.close();
      }
    }
  }

  /** The benchmark's summary lines: every sample, then medians, p99s and the ratio. */
  public static List<String> report(List<Sample> samples) {
    List<String> lines = new ArrayList<>();
    for (Sample s : samples) {
      lines.add(
          String.format(
              Locale.ROOT,
              "BENCH race sample sidecar_firing_ms=%.1f sidecar_alertmanager_ms=%.1f"
                  + " prometheus_pending_ms=%.0f prometheus_firing_ms=%.0f"
                  + " prometheus_alertmanager_ms=%.0f",
              s.sidecarFiringMs(),
              s.sidecarAlertmanagerMs(),
              s.prometheusPendingMs(),
              s.prometheusFiringMs(),
              s.prometheusAlertmanagerMs()));
    }
    double[] sidecar = sorted(samples, Sample::sidecarAlertmanagerMs);
    double[] prom = sorted(samples, Sample::prometheusAlertmanagerMs);
    lines.add(
        String.format(
            Locale.ROOT,
            "BENCH race repetitions=%d sidecar_firing_ms median=%.1f p99=%.1f"
                + " sidecar_alertmanager_ms median=%.1f p99=%.1f prometheus_pending_ms median=%.0f"
                + " prometheus_firing_ms median=%.0f p99=%.0f prometheus_alertmanager_ms"
                + " median=%.0f ratio_prometheus_median_to_sidecar_p99=%.0f",
            samples.size(),
            Percentiles.median(sorted(samples, Sample::sidecarFiringMs)),
            Percentiles.nearestRank(sorted(samples, Sample::sidecarFiringMs), 0.99),
            Percentiles.median(sidecar),
            Percentiles.nearestRank(sidecar, 0.99),
            Percentiles.median(sorted(samples, Sample::prometheusPendingMs)),
            Percentiles.median(sorted(samples, Sample::prometheusFiringMs)),
            Percentiles.nearestRank(sorted(samples, Sample::prometheusFiringMs), 0.99),
            Percentiles.median(prom),
            Percentiles.median(prom) / Percentiles.nearestRank(sidecar, 0.99)));
    return lines;
  }

  private static double[] sorted(
      List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
    return samples.stream().mapToDouble(f).sorted().toArray();
  }

  /** One sidecar jar and the Prometheus that scrapes it. */
  private static final class Pair implements AutoCloseable {
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExporterJarProcess sidecar;
    private final PrometheusServer prometheus;
    private final String namespace;
    private int batch;

    private Pair(ExporterJarProcess sidecar, PrometheusServer prometheus, String namespace) {
      this.sidecar = sidecar;
      this.prometheus = prometheus;
      this.namespace = namespace;
    }

    static Pair start(
        Path dir, int index, int scale, Duration interval, Path rules, AlertmanagerProcess am)
        throws Exception {
      Files.createDirectories(dir);
      String namespace = "race-" + index;
      String scaledRule =
          scale == 1
              ? ""
              : """
                bucket: 100ms
                rules:
                  - name: NexconnBanSpike
                    window: %s
                    baselineWindow: %s
              """
                  .formatted(
                      RuleDurationScaler.format(60_000 / scale),
                      RuleDurationScaler.format(30 * 60_000 / scale));
      Path config = dir.resolve("sidecar.yaml");
      Files.writeString(
          config,
          """
          http: {host: 127.0.0.1, port: 0}
          ingest:
            apiKeysEnv: RACE_KEYS
          alerting:
            alertmanagers:
              - name: am
                url: %s
          %s"""
              .formatted(am.baseUrl(), scaledRule));
      ExporterJarProcess sidecar =
          ExporterJarProcess.startWithLauncher(
              List.of(),
              Map.of(
                  "RACE_KEYS", KEY, "POD_NAMESPACE", namespace, "POD_NAME", "nexconn-exporter-0"),
              PodLimits.shipped().jvmOptions(),
              "run",
              "--config",
              config.toString());
      try {
        PrometheusServer prometheus =
            PrometheusServer.start(
                dir,
                URI.create(sidecar.baseUrl()).getAuthority(),
                List.of(rules),
                interval,
                "namespace: " + namespace,
                URI.create(am.baseUrl()).getAuthority());
        return new Pair(sidecar, prometheus, namespace);
      } catch (Exception | AssertionError e) {
        sidecar.close();
        throw e;
      }
    }

    /**
     * {@code bans} per interval until stopped, the baseline both detectors learn, in a batch of the
     * spike's size whose other events are reconnects ({@code connecting -> connected}), as a fleet
     * reports them: the sidecar's ingest and the bench's own HTTP client run such batches warm
     * before the spike, so the race times the detectors, not a first large POST.
     */
    void baseline(Duration interval, int bans, AtomicBoolean running) {
      while (running.get()) {
        try {
          post(bans, SPIKE - bans);
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          if (running.get()) {
            throw new IllegalStateException("baseline post to " + namespace + " failed", e);
          }
        }
      }
    }

    synchronized void post(int bans) throws Exception {
      post(bans, 0);
    }

    /** One batch: {@code bans} connected -> banned pairs, then {@code reconnects} reconnects. */
    synchronized void post(int bans, int reconnects) throws Exception {
      long now = System.currentTimeMillis();
      StringBuilder events = new StringBuilder();
      for (int i = 0; i < reconnects; i++) {
        events
            .append(i == 0 ? "" : ",")
            .append("{\"type\":\"status\",\"at\":")
            .append(now)
            .append(",\"status\":\"connecting\",\"errorCode\":0},")
            .append("{\"type\":\"status\",\"at\":")
            .append(now)
            .append(",\"status\":\"connected\",\"errorCode\":0}");
      }
      if (reconnects > 0 && bans > 0) {
        events.append(',');
      }
      // Each ban as an app sees it, connected and then banned, so every ban is the transition
      // connected -> disconn_exception: the series exists from the first baseline ban. (A counter
      // series born in the spike itself would be invisible to Prometheus's increase(): its first
      // sample has no predecessor. docs/alerting.md says so.)
      for (int i = 0; i < bans; i++) {
        events
            .append(i == 0 ? "" : ",")
            .append("{\"type\":\"status\",\"at\":")
            .append(now)
            .append(",\"status\":\"connected\",\"errorCode\":0},")
            .append("{\"type\":\"status\",\"at\":")
            .append(now)
            .append(",\"status\":\"disconn_exception\",\"errorCode\":31011}");
      }
      String body =
          "{\"batchId\":\"race-"
              + batch++
              + "\",\"app\":{\"platform\":\"android\",\"appVersion\":\"5.2.1\",\"sdkVersion\":"
              + "\"5.10.0\"},\"events\":["
              + events
              + "]}";
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(sidecar.baseUrl() + "/api/v1/events"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 202) {
        throw new IllegalStateException("POST /api/v1/events -> " + r.statusCode());
      }
    }

    double awaitSidecarFiring(long t0) throws Exception {
      long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(sidecar.baseUrl() + "/api/v1/alerts?alertname=NexconnBanSpike"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonArray alerts = new JsonObject(r.body()).getJsonArray("alerts");
        if (!alerts.isEmpty() && "firing".equals(alerts.getJsonObject(0).getString("state"))) {
          return (System.nanoTime() - t0) / 1e6;
        }
        Thread.sleep(1);
      }
      throw new AssertionError("the sidecar of " + namespace + " did not fire within 10 s");
    }

    double awaitInAlertmanager(AlertmanagerProcess am, String detector, long t0, Duration atMost)
        throws Exception {
      long deadline = t0 + atMost.toNanos();
      while (System.nanoTime() < deadline) {
        JsonArray alerts = am.alerts();
        for (int i = 0; i < alerts.size(); i++) {
          JsonObject labels = alerts.getJsonObject(i).getJsonObject("labels");
          if ("NexconnBanSpike".equals(labels.getString("alertname"))
              && namespace.equals(labels.getString("namespace"))
              && detector.equals(labels.getString("detector"))) {
            return (System.nanoTime() - t0) / 1e6;
          }
        }
        Thread.sleep(detector.equals("sidecar") ? 1 : 100);
      }
      return -1;
    }

    Sample watchPrometheus(
        AlertmanagerProcess am, long t0, double sidecarFiring, double sidecarInAm, int scale)
        throws Exception {
      long deadline = t0 + Duration.ofMinutes(5).dividedBy(scale).plusSeconds(10).toNanos();
      double pending = -1;
      double firing = -1;
      while (System.nanoTime() < deadline && firing < 0) {
        JsonNode alerts = prometheus.get("/api/v1/alerts").path("alerts");
        for (JsonNode a : alerts) {
          if ("NexconnBanSpike".equals(a.path("labels").path("alertname").asText())) {
            double at = (System.nanoTime() - t0) / 1e6;
            String state = a.path("state").asText();
            if (pending < 0) {
              pending = at;
            }
            if ("firing".equals(state)) {
              firing = at;
            }
          }
        }
        Thread.sleep(Math.max(10, 250 / scale));
      }
      double inAm =
          firing < 0
              ? -1
              : awaitInAlertmanager(am, "prometheus", t0, Duration.ofNanos(deadline - t0));
      return new Sample(sidecarFiring, sidecarInAm, pending, firing, inAm);
    }

    @Override
    public void close() {
      try {
        prometheus.close();
      } catch (Exception e) {
        // best effort
      }
      try {
        sidecar.close();
      } catch (Exception e) {
        // best effort
      }
    }
  }
}
