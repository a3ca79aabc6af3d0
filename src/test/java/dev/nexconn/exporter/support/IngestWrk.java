package dev.nexconn.exporter.support;

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
import java.util.function.ToDoubleFunction;

/**
 * The ingest benchmark against the built jar: the sidecar in its own process ({@link
 * ExporterJarProcess}), {@code wrk} in another ({@link WrkLoad}), and in the same run the two
 * references: Jackson's decode limit for the same bytes ({@link DecodeLimit}, in this JVM, right
 * after each run, as a tree and as tokens alone) and collectd fed the same events as StatsD lines
 * ({@link StatsdCollectd}), paced at the sidecar's rate and unpaced. Loss is counted from the
 * outside: events in batches answered 202 against the sidecar's exported {@code
 * nexconn_sdk_status_reports_total}.
 */
public final class IngestWrk {
  /** The API key the bench sidecar accepts. */
  public static final String API_KEY = "bench-wrk-key-0123456789abcdef";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What to run. */
  public record Options(
      int[] batches,
      int repetitions,
      Duration run,
      Duration warmup,
      int threads,
      int connections,
      Duration collectdRun,
      Duration decodeRun) {}

  /**
   * One wrk run against the sidecar.
   *
   * @param cpuSeconds CPU the sidecar process used during the run
   * @param exported growth of the exported status report counters during the run
   * @param acceptedByCount growth of accepted batches times the batch size (the sidecar's own
   *     count)
   */
  public record SidecarRun(
      WrkLoad.Result wrk,
      double cpuSeconds,
      double exported,
      double acceptedByCount,
      double decodeLimit,
      double tokenLimit) {
    /**
     * The sidecar's events per CPU-second as a share of the decode limit measured right after this
     * run: the host's speed drifts between runs (the limit measured 2.9M to 5.8M events per
     * CPU-second on this machine on one day), so each run is compared with its own reference.
     */
    public double decodeShare() {
      return eventsPerCpuSecond() / decodeLimit;
    }

    /** The same against Jackson's token stream alone ({@link DecodeLimit#tokensPerCpuSecond}). */
    public double tokenShare() {
      return eventsPerCpuSecond() / tokenLimit;
    }

    public double cores() {
      return cpuSeconds / (wrk.elapsed().toNanos() / 1e9);
    }

    /** Events per CPU-second of the sidecar. */
    public double eventsPerCpuSecond() {
      return exported / cpuSeconds;
    }

    /** Acknowledged (202) events that the exported counters do not hold: must be 0. */
    public double lost() {
      return Math.max(0, wrk.eventsAcknowledged() - exported);
    }

    /** Events counted whose 202 wrk did not wait for (in flight when wrk stopped). */
    public double inFlightAtStop() {
      return Math.max(0, exported - wrk.eventsAcknowledged());
    }
  }

  /** collectd fed {@code sent} events, {@code lines} per datagram, at {@code rate} (0: unpaced). */
  public record CollectdRun(int lines, double rate, Duration elapsed, long sent, double counted) {
    public double countedPerSecond() {
      return counted / (elapsed.toNanos() / 1e9);
    }

    public double lossPercent() {
      return sent == 0 ? 0 : 100.0 * (sent - counted) / sent;
    }
  }

  /** Everything measured for one batch size. */
  public record Row(
      int batch,
      List<SidecarRun> runs,
      double decodeLimit,
      CollectdRun collectdPaced,
      CollectdRun collectdUnpaced) {}

  private IngestWrk() {}

  /** Runs every batch size of {@code o}, with the sidecar jar and collectd in {@code dir}. */
  public static List<Row> run(Path dir, Options o) throws Exception {
    Path keys = dir.resolve("api-keys");
    Files.writeString(keys, API_KEY + "\n");
    Path config = dir.resolve("sidecar.yaml");
    Files.writeString(
        config,
        """
        http: {host: 127.0.0.1, port: 0}
        ingest:
          apiKeysFile: %s
          rateLimit: {batchesPerSecond: 100000, burst: 100000}
        """
            .formatted(keys));
    Path script = WrkLoad.script(dir);
    List<Row> rows = new ArrayList<>();
    try (ExporterJarProcess sidecar =
            ExporterJarProcess.start("run", "--config", config.toString());
        StatsdCollectd collectd = StatsdCollectd.start(dir)) {
      String base = sidecar.baseUrl();
      for (int batch : o.batches()) {
        String id = batch + "-" + System.nanoTime();
        WrkLoad.run(
            script, base, o.threads(), o.connections(), o.warmup(), batch, API_KEY, "w" + id);
        List<SidecarRun> runs = new ArrayList<>();
        for (int i = 0; i < o.repetitions(); i++) {
          runs.add(once(sidecar, script, o, batch, "r" + i + "-" + id));
        }
        double decode = median(runs, SidecarRun::decodeLimit);
        double rate = median(runs, r -> r.wrk().eventsPerSecond());
        rows.add(
            new Row(
                batch,
                runs,
                decode,
                collectd(collectd, batch, o.collectdRun(), rate),
                collectd(collectd, batch, o.collectdRun(), 0)));
      }
    }
    return rows;
  }

  private static SidecarRun once(
      ExporterJarProcess sidecar, Path script, Options o, int batch, String runId)
      throws Exception {
    String base = sidecar.baseUrl();
    String before = scrape(base);
    double cpu0 = ProcessCpu.seconds(sidecar.pid());
    WrkLoad.Result r =
        WrkLoad.run(script, base, o.threads(), o.connections(), o.run(), batch, API_KEY, runId);
    double cpu1 = ProcessCpu.seconds(sidecar.pid());
    // Requests in flight when wrk stopped finish on the sidecar a moment later.
    Thread.sleep(300);
    String after = scrape(base);
    double exported = reports(after) - reports(before);
    double accepted = (acceptedBatches(after) - acceptedBatches(before)) * batch;
    // The references, right after the run, so that both see the host at the same speed.
    byte[] body = DecodeLimit.body(batch, "bench-" + runId, System.currentTimeMillis());
    Duration warmup = o.decodeRun().dividedBy(2);
    double decode = DecodeLimit.eventsPerCpuSecond(body, batch, warmup, o.decodeRun());
    double tokens = DecodeLimit.tokensPerCpuSecond(body, batch, warmup, o.decodeRun());
    return new SidecarRun(r, cpu1 - cpu0, exported, accepted, decode, tokens);
  }

  private static CollectdRun collectd(StatsdCollectd c, int lines, Duration run, double rate)
      throws Exception {
    double before = c.settled();
    long start = System.nanoTime();
    long sent = c.send(lines, run, rate);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new CollectdRun(lines, rate, elapsed, sent, c.settled() - before);
  }

  static String scrape(String base) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static double reports(String metrics) {
    return PrometheusText.has(metrics, "nexconn_sdk_status_reports_total")
        ? PrometheusText.value(metrics, "nexconn_sdk_status_reports_total")
        : 0;
  }

  private static double acceptedBatches(String metrics) {
    return PrometheusText.value(
        metrics, "nexconn_ingest_batches_total", "endpoint", "events", "outcome", "accepted");
  }

  /** The median of {@code f} over {@code runs}. */
  public static <T> double median(List<T> runs, ToDoubleFunction<T> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String spread(List<SidecarRun> runs, ToDoubleFunction<SidecarRun> f, String fmt) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return String.format(Locale.ROOT, fmt, median(runs, f))
        + " ("
        + String.format(Locale.ROOT, fmt, v[0])
        + "-"
        + String.format(Locale.ROOT, fmt, v[v.length - 1])
        + ")";
  }

  /** One {@code BENCH} line per run, for the log. */
  public static List<String> lines(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row row : rows) {
      for (SidecarRun r : row.runs()) {
        out.add(
            String.format(
                Locale.ROOT,
                "BENCH ingest-wrk batch=%d connections=%d seconds=%.1f batches=%d status_errors=%d"
                    + " socket_errors=%d events_acked=%d events_exported=%.0f accepted_by_count=%.0f"
                    + " lost=%.0f in_flight_at_stop=%.0f events_per_s=%.0f sidecar_cores=%.2f"
                    + " events_per_cpu_s=%.0f decode_limit=%.0f decode_share=%.2f"
                    + " token_limit=%.0f token_share=%.2f"
                    + " latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f",
                row.batch(),
                r.wrk().connections(),
                r.wrk().elapsed().toNanos() / 1e9,
                r.wrk().requests(),
                r.wrk().statusErrors(),
                r.wrk().socketErrors(),
                r.wrk().eventsAcknowledged(),
                r.exported(),
                r.acceptedByCount(),
                r.lost(),
                r.inFlightAtStop(),
                r.wrk().eventsPerSecond(),
                r.cores(),
                r.eventsPerCpuSecond(),
                r.decodeLimit(),
                r.decodeShare(),
                r.tokenLimit(),
                r.tokenShare(),
                r.wrk().latencyMicros()[0] / 1000.0,
                r.wrk().latencyMicros()[1] / 1000.0,
                r.wrk().p99Millis(),
                r.wrk().latencyMicros()[3] / 1000.0));
      }
      out.add(
          String.format(
              Locale.ROOT,
              "BENCH ingest-decode-limit batch=%d events_per_cpu_s=%.0f (median of the runs')",
              row.batch(),
              row.decodeLimit()));
      for (CollectdRun c : List.of(row.collectdPaced(), row.collectdUnpaced())) {
        out.add(
            String.format(
                Locale.ROOT,
                "BENCH collectd lines_per_datagram=%d paced_at=%.0f sent=%d counted=%.0f"
                    + " counted_per_s=%.0f loss_pct=%.2f",
                c.lines(),
                c.rate(),
                c.sent(),
                c.counted(),
                c.countedPerSecond(),
                c.lossPercent()));
      }
    }
    return out;
  }

  /** The Markdown table of docs/benchmarks.md: medians with (min-max) over the repetitions. */
  public static String table(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| batch | sidecar events/s | sidecar cores | events per sidecar CPU-s | Jackson decode"
            + " limit events/CPU-s (tree) | % of it per core | Jackson tokens alone events/CPU-s"
            + " | % of it per core | lost (acked - exported) | batch p99 ms | collectd at the"
            + " sidecar's rate: counted/s, loss | collectd unpaced: counted/s, loss |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      List<SidecarRun> r = row.runs();
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %s | %s | %s | %s | %s | %.0f | %s | %.0f, %.1f%% | %.0f,"
                  + " %.1f%% |\n",
              row.batch(),
              spread(r, x -> x.wrk().eventsPerSecond(), "%.0f"),
              spread(r, SidecarRun::cores, "%.2f"),
              spread(r, SidecarRun::eventsPerCpuSecond, "%.0f"),
              spread(r, SidecarRun::decodeLimit, "%.0f"),
              spread(r, x -> 100 * x.decodeShare(), "%.0f%%"),
              spread(r, SidecarRun::tokenLimit, "%.0f"),
              spread(r, x -> 100 * x.tokenShare(), "%.0f%%"),
              r.stream().mapToDouble(SidecarRun::lost).sum(),
              spread(r, x -> x.wrk().p99Millis(), "%.1f"),
              row.collectdPaced().countedPerSecond(),
              row.collectdPaced().lossPercent(),
              row.collectdUnpaced().countedPerSecond(),
              row.collectdUnpaced().lossPercent()));
    }
    return b.toString();
  }
}
