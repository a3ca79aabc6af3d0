package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Sends the SDK events of virtual apps to the sidecar's ingest endpoint as real apps would: one
 * report per device and second at most, its events in order (the sidecar reads a transition's
 * {@code from} from the previous status of the same report), with the bearer API key:
 *
 * <pre>{@code
 * POST /api/v1/events   Authorization: Bearer <api key>
 * {"batchId":"…","app":{"platform":"android","appVersion":"5.2.1","sdkVersion":"5.10.0"},
 *  "events":[{"type":"status","at":1764316800000,"status":3,"errorCode":31010}]}
 * }</pre>
 *
 * Reports leave at most {@code batchesPerSecond}. A 429 pauses sending for its {@code Retry-After},
 * halves the rate (it creeps back by half a report per second with each success, so the fleet
 * settles just under the sidecar's per-key limit) and requeues the report with the same {@code
 * batchId}; a 5xx or network error is retried the same way up to {@link #MAX_ATTEMPTS} attempts
 * (the sidecar deduplicates by {@code batchId}). Other answers are counted as failed. {@link #add}
 * and {@link #flush} are called on the fleet's context; answers may arrive on another thread.
 */
final class VirtualAppReporter {
  static final int MAX_EVENTS_PER_REPORT = 500;
  static final int MAX_ATTEMPTS = 3;
  static final int MAX_QUEUED = 20_000;

  /**
   * A device's events wait this long for the next ones, so that a connect and its ack share a
   * report.
   */
  static final long HOLD_MILLIS = 1000;

  private record Report(JsonObject body, int attempt) {}

  private record Pending(JsonObject body, long sinceMillis) {}

  private final WebClient client;
  private final String url;
  private final String apiKey;
  private final double batchesPerSecond;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final Deque<Report> queue = new ConcurrentLinkedDeque<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private double budget;
  private volatile double rate;
  private long lastFlushMillis = -1;
  private volatile long pausedUntil;

  VirtualAppReporter(
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
    this.rate = batchesPerSecond;
    this.clock = clock;
    this.random = random;
  }

  /** Adds one event of the device {@code deviceId}; it leaves with that device's next report. */
  void add(String deviceId, String platform, String appVersion, String sdk, JsonObject event) {
    if (url.isEmpty()) {
      return;
    }
    Pending p =
        pending.computeIfAbsent(
            deviceId,
            k ->
                new Pending(
                    new JsonObject()
                        .put("batchId", new UUID(random.nextLong(), random.nextLong()).toString())
                        .put(
                            "app",
                            new JsonObject()
                                .put("platform", platform)
                                .put("appVersion", appVersion)
                                .put("sdkVersion", sdk))
                        .put("events", new JsonArray()),
                    clock.millis()));
    JsonArray list = p.body().getJsonArray("events");
    list.add(event);
    events.incrementAndGet();
    if (list.size() >= MAX_EVENTS_PER_REPORT) {
      pending.remove(deviceId);
      enqueue(new Report(p.body(), 1));
    }
  }

  /**
   * Queues every device's held events as a report now, whatever their age: the fleet is replaced,
   * and the next fleet's app of the same id is another device, whose first events must not share a
   * report with this one's last (a report's events are one device's sequence).
   */
  void sealAll() {
    for (var it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      it.remove();
      enqueue(new Report(p.body(), 1));
    }
  }

  /**
   * Queues the reports of devices that have held their events for {@link #HOLD_MILLIS} and sends as
   * many queued reports as the rate allows.
   */
  void flush() {
    long now = clock.millis();
    for (var it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (now - p.sinceMillis() >= HOLD_MILLIS) {
        it.remove();
        enqueue(new Report(p.body(), 1));
      }
    }
    // The budget refills at the current rate and never holds more than one tick's worth, so
    // reports leave evenly rather than in bursts.
    double cap = Math.max(1, rate * VirtualAppSimulator.TICK.toMillis() / 1000.0);
    budget =
        lastFlushMillis < 0 ? cap : Math.min(cap, budget + (now - lastFlushMillis) * rate / 1000.0);
    lastFlushMillis = now;
    while (budget >= 1 && now >= pausedUntil && !queue.isEmpty()) {
      budget -= 1;
      Report next = queue.poll();
      if (next == null) {
        break;
      }
      queued.decrementAndGet();
      post(next);
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

  /** The current send rate in reports per second (lower after 429s). */
  double rate() {
    return rate;
  }

  private void enqueue(Report r) {
    if (queued.get() >= MAX_QUEUED && queue.poll() != null) {
      queued.decrementAndGet();
      failed.incrementAndGet();
    }
    queue.add(r);
    queued.incrementAndGet();
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
                rate = Math.min(batchesPerSecond, rate + 0.5);
                return;
              }
              if (status == 429) {
                // Pacing, not failure: the report waits its turn without using up an attempt.
                rateLimited.incrementAndGet();
                rate = Math.max(1, rate / 2);
                pausedUntil =
                    clock.millis() + 1000 * retryAfter(ar.result().getHeader("Retry-After"));
                queue.addFirst(report);
                queued.incrementAndGet();
                return;
              }
              boolean retryable = status == 0 || status >= 500;
              if (retryable && report.attempt() < MAX_ATTEMPTS) {
                queue.addFirst(new Report(report.body(), report.attempt() + 1));
                queued.incrementAndGet();
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
