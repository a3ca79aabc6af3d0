package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Batches the SDK events of virtual apps into reports, one report per platform, app version and SDK
 * version, and posts them to the sidecar's ingest endpoint with the bearer API key:
 *
 * <pre>{@code
 * POST /api/v1/events   Authorization: Bearer <api key>
 * {"batchId":"…","app":{"platform":"android","appVersion":"5.2.1","sdkVersion":"5.10.0"},
 *  "events":[{"type":"status","at":1764316800000,"status":3,"errorCode":31010}]}
 * }</pre>
 *
 * Reports are best effort, as from real apps: a failed post is counted, not retried.
 */
final class FleetReporter {
  static final int MAX_EVENTS_PER_REPORT = 500;

  private final WebClient client;
  private final String url;
  private final String apiKey;
  private final RandomGenerator random;
  private final Map<String, JsonObject> pending = new LinkedHashMap<>();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile String lastError = "";

  FleetReporter(WebClient client, String url, String apiKey, RandomGenerator random) {
    this.client = client;
    this.url = url;
    this.apiKey = apiKey;
    this.random = random;
  }

  /** Adds one event of an app on {@code platform}/{@code appVersion}. */
  void add(String platform, String appVersion, String sdkVersion, JsonObject event) {
    if (url.isEmpty()) {
      return;
    }
    String key = platform + "|" + appVersion + "|" + sdkVersion;
    JsonObject report =
        pending.computeIfAbsent(
            key,
            k ->
                new JsonObject()
                    .put(
                        "app",
                        new JsonObject()
                            .put("platform", platform)
                            .put("appVersion", appVersion)
                            .put("sdkVersion", sdkVersion))
                    .put("events", new JsonArray()));
    JsonArray list = report.getJsonArray("events");
    list.add(event);
    events.incrementAndGet();
    if (list.size() >= MAX_EVENTS_PER_REPORT) {
      pending.remove(key);
      post(report);
    }
  }

  /** Posts every pending report. */
  void flush() {
    for (JsonObject report : pending.values()) {
      post(report);
    }
    pending.clear();
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

  /** The last failure, e.g. {@code HTTP 401}, empty when none. */
  String lastError() {
    return lastError;
  }

  private void post(JsonObject report) {
    report.put("batchId", new UUID(random.nextLong(), random.nextLong()).toString());
    client
        .postAbs(url)
        .putHeader("Authorization", "Bearer " + apiKey)
        .timeout(10_000)
        .sendJsonObject(report)
        .onComplete(
            ar -> {
              int status = ar.succeeded() ? ar.result().statusCode() : 0;
              if (status >= 200 && status < 300) {
                reports.incrementAndGet();
              } else {
                failed.incrementAndGet();
                lastError = ar.succeeded() ? "HTTP " + status : ar.cause().getMessage();
              }
            });
  }
}
