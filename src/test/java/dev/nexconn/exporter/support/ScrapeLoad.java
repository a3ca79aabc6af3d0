package dev.nexconn.exporter.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The scrape benchmark against a {@link ProbeFleet}: first a full fleet label set is posted (every
 * SDK platform, more app versions than the top N, every status, every event type), then {@code
 * /metrics} is scraped one at a time (latency, size, series, sidecar CPU per scrape; plain and
 * gzip) and by {@code wrk} with many concurrent scrapers (plain and gzip).
 */
public final class ScrapeLoad {
  private static final String[] PLATFORMS = {"ios", "android", "web", "flutter"};
  private static final String[] STATUSES = {
    "connecting",
    "connected",
    "unconnected",
    "network_unavailable",
    "kicked_offline_by_other_client",
    "sign_out",
    "suspend",
    "timeout",
    "token_incorrect",
    "disconn_exception",
    "proxy_unavailable",
    "user_abandon",
    "unknown"
  };

  /**
   * Scrapes one after another, or bursts of them: latency p50, p99 and max in microseconds; the
   * sidecar's and the measuring JVM's CPU per scrape.
   */
  public record Sequential(
      int scrapes,
      long[] latencyMicros,
      int bytes,
      int series,
      double sidecarCpuMsPerScrape,
      double clientCpuMsPerScrape,
      long[] slowestPerBurstMicros) {}

  /** {@code wrk} with {@code connections} concurrent scrapers. */
  public record Concurrent(int connections, boolean gzip, Map<String, Long> wrk) {
    public double scrapesPerSecond() {
      return wrk.get("requests") / (wrk.get("duration_us") / 1e6);
    }

    public double p99Millis() {
      return wrk.get("p99_us") / 1000.0;
    }
  }

  /**
   * Everything measured for one fleet: the sidecar's CPU while nobody scrapes, scrapes one at a
   * time, bursts of simultaneous scrapers (from {@link ScrapeClients}, and for comparison from one
   * JDK client per scraper), and {@code wrk} keeping that many scrapers busy back to back (a closed
   * loop far beyond any real scrape rate: it measures throughput, its latency is queueing).
   */
  public record Row(
      int probes,
      double idleSidecarCpuMsPerSecond,
      Sequential plain,
      Sequential gzip,
      Sequential burst,
      Sequential burstGzip,
      Sequential jdkBurst,
      Concurrent concurrent,
      Concurrent gzipped) {}

  /**
   * One row: {@code sequential} scrapes alone (plain, then gzip), {@code bursts} bursts of {@code
   * scrapers} (plain, gzip, then plain from JDK clients), {@code wrk} with {@code scrapers}
   * connections for {@code wrkTime} (plain, gzip).
   */
  public static Row measure(
      ProbeFleet fleet, Path dir, int sequential, int scrapers, int bursts, Duration wrkTime)
      throws Exception {
    long pid = fleet.sidecar().pid();
    double cpu0 = ProcessCpu.seconds(pid);
    long t0 = System.nanoTime();
    Thread.sleep(2000);
    double idle = (ProcessCpu.seconds(pid) - cpu0) * 1e3 / ((System.nanoTime() - t0) / 1e9);
    return new Row(
        fleet.probes(),
        idle,
        sequential(fleet, sequential, false),
        sequential(fleet, sequential, true),
        bursts(fleet, scrapers, bursts, false),
        // Prometheus asks for gzip on every scrape.
        bursts(fleet, scrapers, bursts, true),
        jdkBursts(fleet, scrapers, bursts),
        concurrent(fleet, dir, scrapers, wrkTime, false),
        concurrent(fleet, dir, scrapers, wrkTime, true));
  }

  private ScrapeLoad() {}

  /**
   * Posts the label set: for each platform, {@code versions} app versions (the sidecar labels the
   * top 20, the rest fold into other), each batch walking through every status and event type.
   */
  public static void fillLabels(ProbeFleet fleet, int versions) throws Exception {
    long now = System.currentTimeMillis();
    int batch = 0;
    for (String platform : PLATFORMS) {
      for (int v = 0; v < versions; v++) {
        StringBuilder events = new StringBuilder();
        int i = 0;
        for (String from : STATUSES) {
          for (String to : STATUSES) {
            if (i > 0) {
              events.append(',');
            }
            events.append(status(now + i++, from)).append(',').append(status(now + i++, to));
          }
          if (i > 300) {
            break;
          }
        }
        events.append(",{\"type\":\"reconnect\",\"at\":").append(now).append(",\"attempt\":2}");
        events.append(",{\"type\":\"token_refresh\",\"at\":").append(now);
        events.append(",\"outcome\":\"failure\"}");
        if (!platform.equals("flutter")) {
          events.append(",{\"type\":\"database_opened\",\"at\":").append(now);
          events.append(",\"isRecreated\":true}");
        }
        String body =
            "{\"batchId\":\"labels-"
                + now
                + "-"
                + batch++
                + "\",\"app\":{\"platform\":\""
                + platform
                + "\",\"appVersion\":\"6."
                + v
                + ".0\"},\"events\":["
                + events
                + "]}";
        int code = fleet.post(body);
        if (code != 202) {
          throw new AssertionError("label batch answered " + code + ": " + body);
        }
      }
    }
  }

  private static String status(long at, String status) {
    return "{\"type\":\"status\",\"at\":" + at + ",\"status\":\"" + status + "\"}";
  }

  /** {@code n} scrapes one after another on one kept connection. */
  public static Sequential sequential(ProbeFleet fleet, int n, boolean gzip) throws Exception {
    return timed(fleet, 1, n, gzip, true);
  }

  /**
   * {@code bursts} bursts of {@code scrapers} scrapes sent at the same moment (what {@code
   * scrapers} Prometheus servers scraping one target look like), each scraper on its own kept
   * connection, with a pause between bursts. Latency of every scrape, sorted: p50, p99, max.
   */
  public static Sequential bursts(ProbeFleet fleet, int scrapers, int bursts, boolean gzip)
      throws Exception {
    return timed(fleet, scrapers, bursts, gzip, false);
  }

  private static Sequential timed(
      ProbeFleet fleet, int scrapers, int rounds, boolean gzip, boolean alone) throws Exception {
    long[] micros = new long[scrapers * rounds];
    long[] slowestPerBurst = new long[rounds];
    int k = 0;
    int bytes = 0;
    int series = 0;
    URI uri = URI.create(fleet.sidecar().baseUrl() + "/metrics");
    long self = ProcessHandle.current().pid();
    double cpu0 = ProcessCpu.seconds(fleet.sidecar().pid());
    double client0 = ProcessCpu.seconds(self);
    try (ScrapeClients clients = ScrapeClients.open(uri, scrapers)) {
      for (int b = 0; b < rounds; b++) {
        long startedAt = System.currentTimeMillis();
        ScrapeClients.Answer[] answers = clients.burst(gzip, Duration.ofSeconds(30));
        long slowest = 0;
        for (ScrapeClients.Answer a : answers) {
          slowest = Math.max(slowest, a.micros());
          if (a.status() != 200) {
            throw new AssertionError("scrape answered " + a.status());
          }
          if (a.gzip() != gzip) {
            throw new AssertionError(
                "asked gzip=" + gzip + ", got Content-Encoding gzip=" + a.gzip());
          }
          micros[k++] = a.micros();
          bytes = a.bodyBytes();
        }
        slowestPerBurst[b] = slowest;
        if (!alone && slowest > 100_000) {
          System.out.printf(
              "BENCH scrape slow burst at %s: slowest %.0f ms%n",
              java.time.Instant.ofEpochMilli(startedAt), slowest / 1000.0);
        }
        if (b == 0) {
          series = series(text(answers[0].body(), gzip));
        }
        if (!alone) {
          Thread.sleep(200);
        }
      }
    }
    double cpu = ProcessCpu.seconds(fleet.sidecar().pid()) - cpu0;
    double client = ProcessCpu.seconds(self) - client0;
    Arrays.sort(micros);
    return new Sequential(
        micros.length,
        new long[] {rank(micros, 0.5), rank(micros, 0.99), micros[micros.length - 1]},
        bytes,
        series,
        cpu * 1000 / micros.length,
        client * 1000 / micros.length,
        alone ? new long[0] : slowestPerBurst);
  }

  private static final List<java.net.http.HttpClient> BURST_CLIENTS = new java.util.ArrayList<>();

  /**
   * The JDK bursts' clients, one connection each, the same ones on every call: a JDK 17 client
   * cannot be closed and keeps its connection alive, so new clients per call left 100 more idle
   * connections each time, until the sidecar's connection cap (256) refused wrk's.
   */
  private static synchronized java.net.http.HttpClient[] burstClients(int n) {
    while (BURST_CLIENTS.size() < n) {
      BURST_CLIENTS.add(
          java.net.http.HttpClient.newBuilder()
              .version(java.net.http.HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
    return BURST_CLIENTS.subList(0, n).toArray(new java.net.http.HttpClient[0]);
  }

  /**
   * Bursts as {@link #bursts} sends them, plain, but from one JDK {@code HttpClient} per scraper
   * (each with its own selector thread): what this benchmark measured before {@link ScrapeClients},
   * kept to show how much of a burst's latency such clients add on a shared machine.
   */
  public static Sequential jdkBursts(ProbeFleet fleet, int scrapers, int bursts) throws Exception {
    java.net.http.HttpClient[] clients = burstClients(scrapers);
    URI uri = URI.create(fleet.sidecar().baseUrl() + "/metrics");
    long[] micros = new long[scrapers * bursts];
    int k = 0;
    long self = ProcessHandle.current().pid();
    double cpu0 = ProcessCpu.seconds(fleet.sidecar().pid());
    double client0 = ProcessCpu.seconds(self);
    for (int b = 0; b < bursts; b++) {
      List<java.util.concurrent.CompletableFuture<Long>> all = new java.util.ArrayList<>();
      for (java.net.http.HttpClient c : clients) {
        java.net.http.HttpRequest r =
            java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
        long t0 = System.nanoTime();
        all.add(
            c.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(
                    resp -> {
                      if (resp.statusCode() != 200) {
                        throw new IllegalStateException("scrape answered " + resp.statusCode());
                      }
                      return (System.nanoTime() - t0) / 1000;
                    }));
      }
      for (java.util.concurrent.CompletableFuture<Long> f : all) {
        micros[k++] = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      Thread.sleep(200);
    }
    double cpu = ProcessCpu.seconds(fleet.sidecar().pid()) - cpu0;
    double client = ProcessCpu.seconds(self) - client0;
    Arrays.sort(micros);
    return new Sequential(
        micros.length,
        new long[] {rank(micros, 0.5), rank(micros, 0.99), micros[micros.length - 1]},
        0,
        0,
        cpu * 1000 / micros.length,
        client * 1000 / micros.length,
        new long[0]);
  }

  /** {@code wrk} with {@code connections} scrapers for {@code duration}. */
  public static Concurrent concurrent(
      ProbeFleet fleet, Path dir, int connections, Duration duration, boolean gzip)
      throws Exception {
    Path script = WrkLoad.script(dir, "scrape.lua");
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-t2",
                "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s",
                "--timeout",
                "20s",
                "-s",
                script.toString()));
    if (gzip) {
      args.addAll(List.of("-H", "Accept-Encoding: gzip"));
    }
    args.add(fleet.sidecar().baseUrl() + "/metrics");
    return new Concurrent(connections, gzip, WrkLoad.exec(args, duration));
  }

  static String text(byte[] body, boolean gzip) throws IOException {
    if (!gzip) {
      return new String(body, StandardCharsets.UTF_8);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The sidecar's own series ({@code nexconn_*} sample lines) of an exposition: the JVM's series
   * appear as the JVM meets new collectors and pools, which says nothing about probes.
   */
  public static int series(String text) {
    return (int) text.lines().filter(l -> l.startsWith("nexconn_")).count();
  }

  private static long rank(long[] sorted, double q) {
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  /** One {@code BENCH} line per measurement. */
  public static List<String> lines(Row r) {
    return List.of(
        String.format(
            Locale.ROOT,
            "BENCH scrape probes=%d mode=idle sidecar_cpu_ms_per_s=%.1f",
            r.probes(),
            r.idleSidecarCpuMsPerSecond()),
        timedLine(r.probes(), "sequential", r.plain(), false),
        timedLine(r.probes(), "sequential", r.gzip(), true),
        timedLine(r.probes(), "burst", r.burst(), false),
        timedLine(r.probes(), "burst", r.burstGzip(), true),
        timedLine(r.probes(), "burst-jdk-clients", r.jdkBurst(), false),
        concurrentLine(r.probes(), r.concurrent()),
        concurrentLine(r.probes(), r.gzipped()));
  }

  private static String timedLine(int probes, String mode, Sequential t, boolean gzip) {
    return String.format(
        Locale.ROOT,
        "BENCH scrape probes=%d mode=%s gzip=%s scrapes=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
            + " bytes=%d series=%d sidecar_cpu_ms_per_scrape=%.2f client_cpu_ms_per_scrape=%.2f%s",
        probes,
        mode,
        gzip,
        t.scrapes(),
        t.latencyMicros()[0] / 1000.0,
        t.latencyMicros()[1] / 1000.0,
        t.latencyMicros()[2] / 1000.0,
        t.bytes(),
        t.series(),
        t.sidecarCpuMsPerScrape(),
        t.clientCpuMsPerScrape(),
        t.slowestPerBurstMicros().length == 0
            ? ""
            : " slowest_per_burst_ms="
                + java.util.Arrays.stream(t.slowestPerBurstMicros())
                    .mapToObj(m -> String.format(Locale.ROOT, "%.0f", m / 1000.0))
                    .collect(java.util.stream.Collectors.joining(",")));
  }

  private static String concurrentLine(int probes, Concurrent c) {
    return String.format(
        Locale.ROOT,
        "BENCH scrape probes=%d mode=concurrent connections=%d gzip=%s scrapes_per_s=%.0f"
            + " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d",
        probes,
        c.connections(),
        c.gzip(),
        c.scrapesPerSecond(),
        c.wrk().get("p50_us") / 1000.0,
        c.wrk().get("p90_us") / 1000.0,
        c.p99Millis(),
        c.wrk().get("max_us") / 1000.0,
        c.wrk().get("status_errors")
            + c.wrk().get("connect_errors")
            + c.wrk().get("read_errors")
            + c.wrk().get("timeouts"));
  }
}
