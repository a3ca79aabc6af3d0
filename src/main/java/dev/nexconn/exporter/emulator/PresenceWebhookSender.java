package dev.nexconn.exporter.emulator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts {@code user:connection_status} envelopes to the configured URLs, as the real service does
 * on every connect, disconnect and logout. Items are queued and sent in batches by one shared
 * periodic flush; a failed delivery (error or non-2xx) is retried with exponential backoff (500 ms,
 * 1 s, 2 s, ...) up to {@link #MAX_ATTEMPTS} attempts, then dropped and counted. The shared secret
 * travels in the {@code X-Nexconn-Webhook-Secret} header and is never logged.
 *
 * <pre>{@code
 * {"type":"user:connection_status","id":"…","time":1764316800000,
 *  "data":[{"userId":"u1","status":"0","os":"iOS","time":1764316800000,
 *           "clientIp":"127.0.0.1","sessionId":"…"}]}
 * }</pre>
 */
final class PresenceWebhookSender {
  static final String SECRET_HEADER = "X-Nexconn-Webhook-Secret";
  static final int MAX_ATTEMPTS = 5;
  static final int BATCH_SIZE = 100;
  static final int MAX_QUEUED = 100_000;
  private static final int MAX_BATCHES_PER_FLUSH = 20;
  private static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration WARN_EVERY = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(PresenceWebhookSender.class);

  private final Vertx vertx;
  private final WebClient client;
  private volatile List<String> urls;
  private volatile String secret;
  private final Clock clock;
  private final RandomGenerator random;
  private final Queue<PresenceItem> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private long timer = -1;
  private volatile long lastWarnMillis = Long.MIN_VALUE / 2;

  PresenceWebhookSender(
      Vertx vertx,
      WebClient client,
      List<String> urls,
      String secret,
      Clock clock,
      RandomGenerator random) {
    this.vertx = vertx;
    this.client = client;
    this.urls = List.copyOf(urls);
    this.secret = secret;
    this.clock = clock;
    this.random = random;
  }

  synchronized void start() {
    if (!urls.isEmpty() && timer < 0) {
      timer = vertx.setPeriodic(FLUSH_INTERVAL.toMillis(), t -> flush());
    }
  }

  /** Replaces the target URLs (the demo learns the sidecar's port after the emulator starts). */
  void urls(List<String> urls, String secret) {
    this.secret = secret;
    this.urls = List.copyOf(urls);
    start();
  }

  synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Queues one item; when no URL is configured, or the queue is full, it is dropped. */
  void offer(PresenceItem item) {
    if (urls.isEmpty()) {
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.add(item);
  }

  /** Items delivered (counted once per URL). */
  long deliveredCount() {
    return delivered.get();
  }

  /** Delivery attempts that were retries. */
  long retryCount() {
    return retries.get();
  }

  /** Items given up on, or refused because the queue was full. */
  long droppedCount() {
    return dropped.get();
  }

  void flush() {
    for (int b = 0; b < MAX_BATCHES_PER_FLUSH && !queue.isEmpty(); b++) {
      List<PresenceItem> batch = new ArrayList<>(BATCH_SIZE);
      PresenceItem item;
      while (batch.size() < BATCH_SIZE && (item = queue.poll()) != null) {
        queued.decrementAndGet();
        batch.add(item);
      }
      if (batch.isEmpty()) {
        return;
      }
      JsonObject envelope = envelope(batch);
      for (String url : urls) {
        deliver(url, envelope, batch.size(), 1);
      }
    }
  }

  /** One warning per {@link #WARN_EVERY} at most, so a dead receiver does not flood the log. */
  private void warnDropped(String url, String reason) {
    long now = clock.millis();
    if (now - lastWarnMillis < WARN_EVERY.toMillis()) {
      return;
    }
    lastWarnMillis = now;
    LOG.atWarn()
        .addKeyValue("event", "webhook_dropped")
        .addKeyValue("url", UrlText.withoutCredentials(url))
        .addKeyValue("attempts", MAX_ATTEMPTS)
        .addKeyValue("last", reason)
        .addKeyValue("dropped_total", dropped.get())
        .log();
  }

  private JsonObject envelope(List<PresenceItem> batch) {
    JsonArray data = new JsonArray();
    batch.forEach(i -> data.add(i.toJson()));
    return new JsonObject()
        .put("type", "user:connection_status")
        .put("id", new UUID(random.nextLong(), random.nextLong()).toString())
        .put("time", clock.millis())
        .put("data", data);
  }

  private void deliver(String url, JsonObject envelope, int items, int attempt) {
    client
        .postAbs(url)
        .putHeader(SECRET_HEADER, secret == null ? "" : secret)
        .timeout(5_000)
        .sendJsonObject(envelope)
        .onComplete(
            ar -> {
              int status = ar.succeeded() ? ar.result().statusCode() : 0;
              if (status >= 200 && status < 300) {
                delivered.addAndGet(items);
                return;
              }
              if (attempt >= MAX_ATTEMPTS) {
                dropped.addAndGet(items);
                warnDropped(url, ar.succeeded() ? "HTTP " + status : ar.cause().getMessage());
                return;
              }
              retries.incrementAndGet();
              long backoff = FIRST_BACKOFF.toMillis() << (attempt - 1);
              vertx.setTimer(backoff, t -> deliver(url, envelope, items, attempt + 1));
            });
  }
}
