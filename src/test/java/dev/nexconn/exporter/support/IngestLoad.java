package dev.nexconn.exporter.support;

import dev.nexconn.exporter.ExporterApp;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load generator for {@code POST /api/v1/events}: {@code connections} client threads, each with
 * one keep-alive HTTP/1.1 connection, send SDK report batches of {@code batchSize} status events
 * back to back for a fixed time, honour {@code Retry-After} on 429 as an app would, and record the
 * latency of every batch. Also starts the sidecar in this JVM with the per-key rate limit at its
 * default or raised out of the way.
 */
public final class IngestLoad {
  /** The API key the bench sidecar accepts. */
  public static final String API_KEY = "bench-ingest-key-0123456789abcdef";

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
  private static final AtomicLong RUNS = new AtomicLong();

  /**
   * What one run measured.
   *
   * @param accepted202 batches answered 202
   * @param limited429 batches answered 429
   * @param other batches answered anything else, or answered as duplicates (a failed run)
   * @param eventsAccepted events the sidecar accepted
   * @param latencyMicros p50, p90, p99 and max latency of the 202 answers, in microseconds
   */
  public record Result(
      int batchSize,
      int connections,
      boolean rateLimited,
      Duration elapsed,
      long accepted202,
      long limited429,
      long other,
      long eventsAccepted,
      long[] latencyMicros) {
    public double eventsPerSecond() {
      return eventsAccepted / (elapsed.toNanos() / 1e9);
    }

    /** One line for the benchmark log. */
    public String line() {
      return String.format(
          "BENCH ingest batch=%d connections=%d rate_limit=%s seconds=%.1f batches_202=%d"
              + " batches_429=%d other=%d events_accepted=%d events_per_s=%.0f"
              + " latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f",
          batchSize,
          connections,
          rateLimited ? "default(20/s,burst40)" : "raised",
          elapsed.toNanos() / 1e9,
          accepted202,
          limited429,
          other,
          eventsAccepted,
          eventsPerSecond(),
          latencyMicros[0] / 1000.0,
          latencyMicros[1] / 1000.0,
          latencyMicros[2] / 1000.0,
          latencyMicros[3] / 1000.0);
    }
  }

  private IngestLoad() {}

  /**
   * Starts the sidecar on an ephemeral loopback port with SDK ingest on; {@code rateLimited} keeps
   * the default per-key limit, otherwise it is raised to 100,000 batches/s.
   */
  public static ExporterApp startSidecar(Vertx vertx, boolean rateLimited) throws Exception {
    String yaml =
        """
        http: {host: 127.0.0.1, port: 0}
        ingest:
          apiKeysEnv: BENCH_INGEST_KEYS
        %s
        """
            .formatted(rateLimited ? "" : "  rateLimit: {batchesPerSecond: 100000, burst: 100000}");
    Map<String, String> env = Map.of("BENCH_INGEST_KEYS", API_KEY);
    return ExporterApp.start(vertx, ConfigLoader.parse(yaml, env::get), env::get)
        .await(20, TimeUnit.SECONDS);
  }

  /** The sum of the sidecar's SDK status report counters: where accepted status events land. */
  public static double statusReports(ExporterApp app) {
    return app.registry().find(MetricNames.SDK_STATUS_REPORTS).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** Sends batches to {@code baseUrl} for {@code duration} and measures. */
  public static Result run(
      String baseUrl, int batchSize, int connections, Duration duration, boolean rateLimited)
      throws InterruptedException {
    String events = events(batchSize, System.currentTimeMillis());
    URI uri = URI.create(baseUrl + "/api/v1/events");
    // Batch ids must be new on every run: the sidecar answers a repeated id from its idempotency
    // window without parsing it, which would flatter the numbers.
    String run = Long.toString(RUNS.incrementAndGet()) + "-" + System.nanoTime();
    AtomicLong ok = new AtomicLong();
    AtomicLong limited = new AtomicLong();
    AtomicLong other = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicLong duplicates = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int c = 0; c < connections; c++) {
      int client = c;
      long[][] mine = {new long[1024]};
      int[] count = {0};
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      Thread t =
          new Thread(
              () -> {
                long seq = 0;
                while (System.nanoTime() < end) {
                  String body =
                      "{\"batchId\":\"bench-"
                          + run
                          + "-"
                          + client
                          + "-"
                          + seq++
                          + "\",\"app\":{\"platform\":\"android\",\"appVersion\":\"5.2.1\","
                          + "\"sdkVersion\":\"5.10.0\"},\"events\":"
                          + events
                          + "}";
                  HttpRequest request =
                      HttpRequest.newBuilder(uri)
                          .timeout(Duration.ofSeconds(10))
                          .header("Authorization", "Bearer " + API_KEY)
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build();
                  long sent = System.nanoTime();
                  HttpResponse<String> r;
                  try {
                    r = http.send(request, HttpResponse.BodyHandlers.ofString());
                  } catch (IOException e) {
                    other.incrementAndGet();
                    continue;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  long took = (System.nanoTime() - sent) / 1000;
                  if (r.statusCode() == 202) {
                    ok.incrementAndGet();
                    Matcher m = ACCEPTED.matcher(r.body());
                    if (r.body().contains("\"duplicate\":true")) {
                      duplicates.incrementAndGet();
                    } else if (m.find()) {
                      accepted.addAndGet(Long.parseLong(m.group(1)));
                    }
                    if (count[0] == mine[0].length) {
                      mine[0] = Arrays.copyOf(mine[0], count[0] * 2);
                    }
                    mine[0][count[0]++] = took;
                  } else if (r.statusCode() == 429) {
                    limited.incrementAndGet();
                    long wait =
                        r.headers().firstValueAsLong("Retry-After").orElse(1) * 1_000_000_000L;
                    sleepUntil(Math.min(end, System.nanoTime() + wait));
                  } else {
                    other.incrementAndGet();
                  }
                }
                synchronized (latencies) {
                  latencies.add(Arrays.copyOf(mine[0], count[0]));
                }
              },
              "ingest-load-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(duration.toMillis() + 30_000);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(
        batchSize,
        connections,
        rateLimited,
        elapsed,
        ok.get(),
        limited.get(),
        other.get() + duplicates.get(),
        accepted.get(),
        new long[] {rank(all, 0.50), rank(all, 0.90), rank(all, 0.99), rank(all, 1.0)});
  }

  private static String events(int n, long at) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"type\":\"status\",\"at\":")
          .append(at + i)
          .append(",\"status\":\"")
          .append(i % 2 == 0 ? "connecting" : "connected")
          .append("\",\"errorCode\":0}");
    }
    return b.append(']').toString();
  }

  private static long rank(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static void sleepUntil(long nanos) {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
