package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Sends the SDK events of virtual apps to the sidecar's ingest endpoint as real apps would: one
 * report per device and flush, its events in order (the sidecar reads a transition's {@code from}
 * from the previous status of the same report), with the bearer API key:
 *
 * <pre>{@code
 * POST /api/v1/events   Authorization: Bearer <api key>
 * {"batchId":"…","app":{"platform":"android","appVersion":"5.2.1","sdkVersion":"5.10.0"},
 *  "events":[{"type":"status","at":1764316800000,"status":3,"errorCode":31010}]}
 * }</pre>
 *
 * Reports leave at most {@code batchesPerSecond}; a 429 pauses sending for its {@code Retry-After}
 * and a 429, 5xx or network error is retried with the same {@code batchId} (the sidecar
 * deduplicates), up to {@link #MAX_ATTEMPTS} attempts. Other answers are counted as failed. Not
 * thread-safe: called on the fleet's context only.
 */
final class FleetReporter {
  static final int MAX_EVENTS_PER_REPORT = 500;
  static final int MAX_ATTEMPTS = 3;
  static final int MAX_QUEUED = 20_000;

  private record Report(JsonObject body, int attempt) {}

  private final WebClient client;
  private final String url;
  private final String apiKey;
  private final double batchesPerSecond;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, JsonObject> pending = new LinkedHashMap<>();
  private final Deque<Report> queue = new ArrayDeque<>();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private double budget;
  private long lastFlushMillis = -1;
  private long pausedUntil;
  private volatile String lastError = "";

  FleetReporter(
      WebClient client,
      String url,
      String apiKey,
      double batchesPerSecond,
      Clock clock,
      RandomGenerator random) {
    this.client = client;
    this.url = url;
    this.apiKey = apiKey;
    this.batchesPerSecond = batchesPerSecond;
    this.clock = clock;
    this.random = random;
  }

  /** Adds one event of the device {@code deviceId}; it leaves with that device's next report. */
  void add(String deviceId, String platform, String appVersion, String sdk, JsonObject event) {
    if (url.isEmpty()) {
      return;
    }
    JsonObject report =
        pending.computeIfAbsent(
            deviceId,
            k ->
                new JsonObject()
                    .put("batchId", new UUID(random.nextLong(), random.nextLong()).toString())
                    .put(
                        "app",
                        new JsonObject()
                            .put("platform", platform)
                            .put("appVersion", appVersion)
                            .put("sdkVersion", sdk))
                    .put("events", new JsonArray()));
    JsonArray list = report.getJsonArray("events");
    list.add(event);
    events.incrementAndGet();
    if (list.size() >= MAX_EVENTS_PER_REPORT) {
      pending.remove(deviceId);
      enqueue(new Report(report, 1));
    }
  }

  /** Queues every device's pending report and sends as many as the rate allows. */
  void flush() {
    pending.values().forEach(r -> enqueue(new Report(r, 1)));
    pending.clear();
    long now = clock.millis();
    if (lastFlushMillis >= 0) {
      budget =
          Math.min(budget + (now - lastFlushMillis) * batchesPerSecond / 1000.0, batchesPerSecond);
    } else {
      budget = Math.max(1, batchesPerSecond / 4);
    }
    lastFlushMillis = now;
    while (budget >= 1 && now >= pausedUntil && !queue.isEmpty()) {
      budget -= 1;
      post(queue.poll());
    }
  }

  long eventCount() {
    return events.get();
  }

  long reportCount() {
    return reports.get();
  }

  long failedCount() {
    return failed.get();
  }

  long rateLimitedCount() {
    return rateLimited.get();
  }

  int queued() {
    return queue.size();
  }

  /** The last failure, e.g. {@code HTTP 401}, empty when none. */
  String lastError() {
    return lastError;
  }

  private void enqueue(Report r) {
    if (queue.size() >= MAX_QUEUED) {
      queue.poll();
      failed.incrementAndGet();
      lastError = "fleet report queue full: the sidecar is slower than the fleet";
    }
    queue.add(r);
  }

  private void post(Report report) {
    client
        .postAbs(url)
        .putHeader("Authorization", "Bearer " + apiKey)
        .timeout(10_000)
        .sendJsonObject(report.body())
        .onComplete(
            ar -> {
              int status = ar.succeeded() ? ar.result().statusCode() : 0;
              if (status >= 200 && status < 300) {
                reports.incrementAndGet();
                return;
              }
              lastError = ar.succeeded() ? "HTTP " + status : ar.cause().getMessage();
              if (status == 429) {
                rateLimited.incrementAndGet();
                pausedUntil =
                    clock.millis() + 1000 * retryAfter(ar.result().getHeader("Retry-After"));
              }
              boolean retryable = status == 0 || status == 429 || status >= 500;
              if (retryable && report.attempt() < MAX_ATTEMPTS) {
                queue.addFirst(new Report(report.body(), report.attempt() + 1));
              } else {
                failed.incrementAndGet();
              }
            });
  }

  private static long retryAfter(String header) {
    try {
      return Math.max(1, Math.min(60, Long.parseLong(header == null ? "1" : header.trim())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
