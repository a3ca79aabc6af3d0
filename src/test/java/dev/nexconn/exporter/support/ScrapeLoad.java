package dev.nexconn.exporter.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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

  /** Scrapes one after another. */
  public record Sequential(
      int scrapes, long[] latencyMicros, int bytes, int series, double sidecarCpuMsPerScrape) {}

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
   * Everything measured for one fleet: scrapes one at a time, bursts of simultaneous scrapers, and
   * {@code wrk} keeping that many scrapers busy back to back (a closed loop far beyond any real
   * scrape rate: it measures throughput, its latency is queueing).
   */
  public record Row(
      int probes,
      Sequential plain,
      Sequential gzip,
      Sequential burst,
      Sequential burstGzip,
      Concurrent concurrent,
      Concurrent gzipped) {}

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

  /** {@code n} scrapes one after another. */
  public static Sequential sequential(ProbeFleet fleet, int n, boolean gzip) throws Exception {
    long[] micros = new long[n];
    int bytes = 0;
    int series = 0;
    double cpu0 = ProcessCpu.seconds(fleet.sidecar().pid());
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> r = fleet.scrapeBytes(gzip);
      micros[i] = (System.nanoTime() - t0) / 1000;
      boolean compressed =
          r.headers().firstValue("Content-Encoding").map("gzip"::equals).orElse(false);
      if (gzip != compressed) {
        throw new AssertionError(
            "asked gzip=" + gzip + ", got Content-Encoding gzip=" + compressed);
      }
      bytes = r.body().length;
      if (i == 0) {
        series = series(text(r.body(), compressed));
      }
    }
    double cpu = ProcessCpu.seconds(fleet.sidecar().pid()) - cpu0;
    Arrays.sort(micros);
    return new Sequential(
        n,
        new long[] {rank(micros, 0.5), rank(micros, 0.99), micros[n - 1]},
        bytes,
        series,
        cpu * 1000 / n);
  }

  private static final List<java.net.http.HttpClient> BURST_CLIENTS = new java.util.ArrayList<>();

  /**
   * The bursts' clients, one connection each, the same ones on every call: a JDK 17 client cannot
   * be closed and keeps its connection alive, so new clients per call left 100 more idle
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
   * Bursts of {@code scrapers} scrapes sent at the same moment (what {@code scrapers} Prometheus
   * servers scraping one target look like), {@code bursts} times with a pause between; each scraper
   * has its own connection. Latency of every scrape, sorted: p50, p99, max.
   */
  public static Sequential bursts(ProbeFleet fleet, int scrapers, int bursts, boolean gzip)
      throws Exception {
    java.net.http.HttpClient[] clients = burstClients(scrapers);
    java.net.URI uri = java.net.URI.create(fleet.sidecar().baseUrl() + "/metrics");
    long[] micros = new long[scrapers * bursts];
    int k = 0;
    double cpu0 = ProcessCpu.seconds(fleet.sidecar().pid());
    for (int b = 0; b < bursts; b++) {
      List<java.util.concurrent.CompletableFuture<Long>> all = new java.util.ArrayList<>();
      for (java.net.http.HttpClient c : clients) {
        java.net.http.HttpRequest.Builder r =
            java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (gzip) {
          r.header("Accept-Encoding", "gzip");
        }
        long t0 = System.nanoTime();
        all.add(
            c.sendAsync(r.build(), HttpResponse.BodyHandlers.ofByteArray())
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
    Arrays.sort(micros);
    return new Sequential(
        micros.length,
        new long[] {rank(micros, 0.5), rank(micros, 0.99), micros[micros.length - 1]},
        0,
        0,
        cpu * 1000 / micros.length);
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
            "BENCH scrape probes=%d mode=sequential gzip=false scrapes=%d p50_ms=%.2f p99_ms=%.2f"
                + " max_ms=%.2f bytes=%d series=%d sidecar_cpu_ms_per_scrape=%.2f",
            r.probes(),
            r.plain().scrapes(),
            r.plain().latencyMicros()[0] / 1000.0,
            r.plain().latencyMicros()[1] / 1000.0,
            r.plain().latencyMicros()[2] / 1000.0,
            r.plain().bytes(),
            r.plain().series(),
            r.plain().sidecarCpuMsPerScrape()),
        String.format(
            Locale.ROOT,
            "BENCH scrape probes=%d mode=sequential gzip=true scrapes=%d p50_ms=%.2f p99_ms=%.2f"
                + " max_ms=%.2f bytes=%d series=%d sidecar_cpu_ms_per_scrape=%.2f",
            r.probes(),
            r.gzip().scrapes(),
            r.gzip().latencyMicros()[0] / 1000.0,
            r.gzip().latencyMicros()[1] / 1000.0,
            r.gzip().latencyMicros()[2] / 1000.0,
            r.gzip().bytes(),
            r.gzip().series(),
            r.gzip().sidecarCpuMsPerScrape()),
        burstLine(r.probes(), r.burst(), false),
        burstLine(r.probes(), r.burstGzip(), true),
        concurrentLine(r.probes(), r.concurrent()),
        concurrentLine(r.probes(), r.gzipped()));
  }

  private static String burstLine(int probes, Sequential b, boolean gzip) {
    return String.format(
        Locale.ROOT,
        "BENCH scrape probes=%d mode=burst gzip=%s scrapes=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
            + " sidecar_cpu_ms_per_scrape=%.2f",
        probes,
        gzip,
        b.scrapes(),
        b.latencyMicros()[0] / 1000.0,
        b.latencyMicros()[1] / 1000.0,
        b.latencyMicros()[2] / 1000.0,
        b.sidecarCpuMsPerScrape());
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
