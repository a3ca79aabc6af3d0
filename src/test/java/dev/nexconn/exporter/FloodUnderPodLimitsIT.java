package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ExporterJarProcess;
import dev.nexconn.exporter.support.PodLimits;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 point 1: the jar runs with the Dockerfile's JVM flags and the heap the shipped
 * Kubernetes memory limit gives it ({@link PodLimits}); a few loopback clients flood {@code POST
 * /api/v1/events} (rate limit raised so the idempotency window fills) and then the webhook, for
 * {@code flood.seconds} each (10 here, 60 under {@code -Pflood}). Expected: the process lives,
 * {@code /livez} answers 200 throughout, every 429/503 carries {@code Retry-After}, no other status
 * appears, and the exported accepted-event counters equal the sum of what the 202/200 answers
 * acknowledged.
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class FloodUnderPodLimitsIT {
  static final String KEY = "flood-key-0123456789abcdef";
  static final String SECRET = "flood-webhook-secret-0123456789";
  static final int CLIENTS = 4;
  static final int EVENTS_PER_BATCH = 20;

  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void floodingEachEndpointUnderThePodsLimitsKillsNothingAndLosesNothing(@TempDir Path dir)
      throws Exception {
    PodLimits pod = PodLimits.shipped();
    Path keys = secretFile(dir.resolve("api-keys"), KEY);
    Path secret = secretFile(dir.resolve("webhook-secret"), SECRET);
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        "http: {host: 127.0.0.1, port: 0}\n"
            + "ingest:\n"
            + "  apiKeysFile: "
            + keys
            + "\n"
            + "  rateLimit: {batchesPerSecond: 100000, burst: 100000}\n"
            + "  idempotency: {file: "
            + dir.resolve("ingest-window")
            + "}\n"
            + "  webhook: {secretFile: "
            + secret
            + "}\n");
    long seconds = Long.getLong("flood.seconds", 10);
    List<String> jvm = new ArrayList<>(pod.jvmOptions());
    String extra = System.getProperty("flood.jvmOptions", "").trim();
    if (!extra.isEmpty()) {
      jvm.addAll(List.of(extra.split("\\s+")));
    }
    try (ExporterJarProcess jar =
        ExporterJarProcess.startWithJvmOptions(jvm, "run", "--config", config.toString())) {
      String base = jar.baseUrl();
      long pid = jar.pid();
      Flood events = flood(base + "/api/v1/events", seconds, this::batch, "Authorization", pid);
      Flood hooks = flood(base + "/api/v1/webhooks/nexconn", seconds, this::envelope, "hook", pid);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .as("the jar lives")
          .hasValue(true);
      String metrics = get(base + "/metrics");
      long hwm = PodLimits.rssHighWaterKib(jar.pid());
      if (extra.contains("NativeMemoryTracking")) {
        Process nmt =
            new ProcessBuilder("jcmd", Long.toString(jar.pid()), "VM.native_memory", "summary")
                .redirectErrorStream(true)
                .start();
        System.out.println(new String(nmt.getInputStream().readAllBytes()));
      }
      System.out.printf(
          "flood: %s seconds=%d events=%s webhook=%s VmHWM=%d KiB%n",
          pod, seconds, events, hooks, hwm);
      for (Flood f : List.of(events, hooks)) {
        assertThat(f.livezFailures).as("/livez failures during " + f.url).isEmpty();
        assertThat(f.unexpected).as("unexpected answers from " + f.url).isEmpty();
        assertThat(f.missingRetryAfter.get()).as("429/503 without Retry-After").isZero();
        assertThat(f.acknowledgedEvents.get()).isPositive();
        // anonymous memory is what a memory cgroup cannot reclaim: past the limit, the OOM killer
        assertThat(f.maxRssAnonKib)
            .as("peak RssAnon (KiB) during %s under a %d MiB limit", f.url, pod.memoryLimitMib())
            .isLessThan(pod.memoryLimitMib() * 1024L);
      }
      assertThat(events.refused.get() + hooks.refused.get())
          .as("the webhook's rate limit answered 429 at least once")
          .isPositive();
      assertThat(counter(metrics, "events")).isEqualTo(events.acknowledgedEvents.get());
      assertThat(counter(metrics, "webhook")).isEqualTo(hooks.acknowledgedEvents.get());
      assertThat(jar.output()).doesNotContain("OutOfMemoryError", "has been blocked for");
      assertThat(jar.terminate()).isZero();
    }
  }

  static long counter(String metrics, String endpoint) {
    return (long)
        PrometheusText.value(
            metrics, "nexconn_ingest_events_total", "endpoint", endpoint, "outcome", "accepted");
  }

  static Path secretFile(Path file, String value) throws Exception {
    Files.writeString(file, value + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** What one endpoint's flood saw. */
  static final class Flood {
    final String url;
    final AtomicLong acknowledgedEvents = new AtomicLong();
    final AtomicLong answers = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong missingRetryAfter = new AtomicLong();
    final Map<String, Integer> unexpected = new ConcurrentHashMap<>();
    final List<String> livezFailures = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile long maxRssAnonKib;

    Flood(String url) {
      this.url = url;
    }

    @Override
    public String toString() {
      return "{answers="
          + answers
          + ", acknowledgedEvents="
          + acknowledgedEvents
          + ", refused="
          + refused
          + ", maxRssAnonKiB="
          + maxRssAnonKib
          + "}";
    }
  }

  Flood flood(String url, long seconds, LongFunction<String> body, String auth, long pid)
      throws Exception {
    Flood f = new Flood(url);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong ids = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      Thread t =
          new Thread(
              () -> {
                while (running.get()) {
                  send(f, url, body.apply(ids.incrementAndGet()), auth);
                }
              },
              "flood-" + c);
      t.start();
      threads.add(t);
    }
    String livez = url.substring(0, url.indexOf("/api/")) + "/livez";
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(livez)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          f.livezFailures.add("status " + r.statusCode());
        }
      } catch (Exception e) {
        f.livezFailures.add(e.toString());
      }
      f.maxRssAnonKib = Math.max(f.maxRssAnonKib, PodLimits.statusKib(pid, "RssAnon:"));
      Thread.sleep(200);
    }
    running.set(false);
    for (Thread t : threads) {
      t.join(30_000);
    }
    return f;
  }

  void send(Flood f, String url, String body, String auth) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth.equals("Authorization")) {
      b.header("Authorization", "Bearer " + KEY);
    } else {
      b.header("X-Nexconn-Webhook-Secret", SECRET);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      f.answers.incrementAndGet();
      int s = r.statusCode();
      if (s == 202 || s == 200) {
        f.acknowledgedEvents.addAndGet(new JsonObject(r.body()).getInteger("accepted"));
      } else if (s == 429 || s == 503) {
        f.refused.incrementAndGet();
        if (r.headers().firstValue("Retry-After").filter(v -> v.matches("\\d+")).isEmpty()) {
          f.missingRetryAfter.incrementAndGet();
        }
      } else {
        f.unexpected.merge(s + " " + r.body(), 1, Integer::sum);
      }
    } catch (Exception e) {
      f.unexpected.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
    }
  }

  String batch(long id) {
    long now = System.currentTimeMillis();
    StringBuilder b =
        new StringBuilder("{\"batchId\":\"flood-")
            .append(id)
            .append("-0123456789abcdef0123456789\",")
            .append("\"app\":{\"platform\":\"ios\",\"appVersion\":\"1.0.0\"},\"events\":[");
    for (int i = 0; i < EVENTS_PER_BATCH; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"type\":\"status\",\"at\":")
          .append(now)
          .append(",\"status\":16,\"errorCode\":31011}");
    }
    return b.append("]}").toString();
  }

  String envelope(long id) {
    long now = System.currentTimeMillis();
    return "{\"type\":\"user:connection_status\",\"id\":\"hook-"
        + id
        + "\",\"time\":"
        + now
        + ",\"data\":[{\"userId\":\"u"
        + (id % 1000)
        + "\",\"status\":\"0\",\"os\":\"iOS\",\"time\":"
        + now
        + "}]}";
  }

  String get(String url) throws Exception {
    return client
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
