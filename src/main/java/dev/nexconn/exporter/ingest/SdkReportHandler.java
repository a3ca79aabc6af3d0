package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.ingest.IngestMetrics.Endpoint;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/events}: SDK status reports from client apps ({@code docs/ingest.md}). Order
 * of checks: API key (401), rate limit per key (429 with {@code Retry-After}), content type (415),
 * body size (413), JSON syntax (400), idempotency by batch id (202 {@code duplicate:true}), then
 * validation: an invalid envelope is 400 with every bad field by path, otherwise 202 with accepted
 * and rejected counts.
 *
 * <pre>{@code
 * new SdkReportHandler(keys, limiter, window, parser, bus::publish, metrics, clock,
 *     System::nanoTime, 262_144).register(router);
 * }</pre>
 */
public final class SdkReportHandler {
  /** The route. */
  public static final String PATH = "/api/v1/events";

  private static final Logger LOG = LoggerFactory.getLogger(SdkReportHandler.class);
  private static final String KEY_ID = "nexconn.apiKeyId";

  private final ApiKeyStore keys;
  private final RateLimiter limiter;
  private final BatchWindow<JsonObject> window;
  private final ReportParser parser;
  private final Consumer<ConnectionEvent> publish;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final long maxBodyBytes;

  public SdkReportHandler(
      ApiKeyStore keys,
      RateLimiter limiter,
      BatchWindow<JsonObject> window,
      ReportParser parser,
      Consumer<ConnectionEvent> publish,
      IngestMetrics metrics,
      Clock clock,
      LongSupplier nanoTime,
      long maxBodyBytes) {
    this.keys = keys;
    this.limiter = limiter;
    this.window = window;
    this.parser = parser;
    this.publish = publish;
    this.metrics = metrics;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Adds the route to {@code router}. */
  public void register(Router router) {
    JsonBodies.route(router, PATH, this::admit, maxBodyBytes, this::handle, this::failure);
  }

  private void admit(RoutingContext ctx) {
    Optional<String> keyId = keys.authenticate(ctx.request().getHeader("Authorization"));
    if (keyId.isEmpty()) {
      metrics.batchRejected(Endpoint.EVENTS, BatchRejectReason.UNAUTHORIZED, 0);
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"nexconn-ingest\"");
      JsonBodies.send(
          ctx,
          401,
          JsonBodies.error(
              "unauthorized",
              "missing or unknown API key: send the header Authorization: Bearer <key> with a key"
                  + " from the sidecar's API keys file (ingest.apiKeysFile)"));
      return;
    }
    Duration wait = limiter.tryAcquire(keyId.get());
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      metrics.batchRejected(Endpoint.EVENTS, BatchRejectReason.RATE_LIMITED, 0);
      LOG.debug("event=ingest_rate_limited key={} retry_after_s={}", keyId.get(), seconds);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      JsonBodies.send(
          ctx,
          429,
          JsonBodies.error(
              "rate_limited",
              "this API key sends batches faster than its limit (ingest.rateLimit): retry after "
                  + seconds
                  + " s and send fewer, larger batches"));
      return;
    }
    if (!JsonBodies.admitJson(ctx, metrics, Endpoint.EVENTS)) {
      return;
    }
    ctx.put(KEY_ID, keyId.get());
    ctx.next();
  }

  private void failure(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      metrics.batchRejected(Endpoint.EVENTS, BatchRejectReason.TOO_LARGE, 0);
      JsonBodies.send(
          ctx,
          413,
          JsonBodies.error(
              "too_large",
              "the body is larger than "
                  + maxBodyBytes
                  + " bytes (ingest.maxBodyBytes): split the events into several batches"));
      return;
    }
    LOG.warn(
        "event=ingest_failure status={} error={}",
        ctx.statusCode(),
        ctx.failure() == null ? "" : ctx.failure().toString());
    JsonBodies.send(
        ctx, 500, JsonBodies.error("internal", "the report could not be processed; retry later"));
  }

  private void handle(RoutingContext ctx) {
    long start = nanoTime.getAsLong();
    JsonNode root = JsonBodies.readOrReject(ctx, metrics, Endpoint.EVENTS);
    if (root == null) {
      return;
    }
    JsonNode id = root.isObject() ? root.get("batchId") : null;
    String batchKey = id != null && id.isTextual() ? "events|" + id.asText() : null;
    JsonObject response;
    synchronized (window) {
      Optional<JsonObject> seen = batchKey == null ? Optional.empty() : window.lookup(batchKey);
      if (seen.isPresent()) {
        metrics.duplicate(Endpoint.EVENTS);
        metrics.processed(Endpoint.EVENTS, nanoTime.getAsLong() - start);
        JsonBodies.send(ctx, 202, seen.get().copy().put("duplicate", true));
        return;
      }
      ParsedReport report = parser.parse(root, clock.instant());
      if (!report.batchValid()) {
        metrics.batchRejected(Endpoint.EVENTS, BatchRejectReason.INVALID, report.rejectedCount());
        metrics.processed(Endpoint.EVENTS, nanoTime.getAsLong() - start);
        JsonObject body =
            JsonBodies.error(
                "invalid", "the batch was rejected as a whole: fix the fields listed in errors");
        List<FieldError> all = new ArrayList<>(report.batchErrors());
        all.addAll(report.eventErrors());
        JsonBodies.send(ctx, 400, JsonBodies.withErrors(body, all));
        return;
      }
      report.events().forEach(publish);
      response =
          new JsonObject()
              .put("accepted", report.accepted())
              .put("rejected", report.rejectedCount())
              .put("duplicate", false);
      JsonBodies.withErrors(response, report.eventErrors());
      window.remember(batchKey, response);
      metrics.batchAccepted(
          Endpoint.EVENTS, report.accepted(), report.rejected(), nanoTime.getAsLong() - start);
    }
    JsonBodies.send(ctx, 202, response);
  }
}
