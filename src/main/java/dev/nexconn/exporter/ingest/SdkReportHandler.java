package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.ingest.IngestMetrics.Endpoint;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/events}: SDK status reports from client apps ({@code docs/ingest.md}). Order
 * of checks: API key (401), rate limit per key (429 with {@code Retry-After}), content type (415),
 * body size (413), then the path shared with the webhook ({@link IdempotentEndpoint}): JSON syntax
 * (400), idempotency by batch id (202 {@code duplicate:true}), validation by {@link ReportParser}
 * (an invalid envelope is 400 with every bad field by path), publish, and 202 with accepted and
 * rejected counts.
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

  private final SharedSecrets keys;
  private final RateLimiter limiter;
  private final IngestMetrics metrics;
  private final long maxBodyBytes;
  private final IdempotentEndpoint endpoint;

  public SdkReportHandler(
      SharedSecrets keys,
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
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    this.endpoint =
        new IdempotentEndpoint(
            new IdempotentEndpoint.Spec(
                Endpoint.EVENTS,
                "batchId",
                202,
                "the batch was rejected as a whole: fix the fields listed in errors",
                ": split the events into several batches"),
            new IdempotentEndpoint.BodyParser() {
              @Override
              public ParsedReport parse(JsonNode root, Instant now) {
                return parser.parse(root, now);
              }

              @Override
              public ParsedReport parseValid(byte[] body, Instant now) {
                return parser.parseValid(body, now);
              }
            },
            window,
            publish,
            metrics,
            clock,
            nanoTime);
  }

  /** Adds the route to {@code router}. */
  public void register(Router router) {
    endpoint.register(router, PATH, this::admit, maxBodyBytes);
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
      LOG.atDebug()
          .addKeyValue("event", "ingest_rate_limited")
          .addKeyValue("key", keyId.get())
          .addKeyValue("retry_after_s", seconds)
          .log();
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
}
