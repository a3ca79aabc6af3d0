package dev.nexconn.exporter.ingest;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.ingest.IngestMetrics.Endpoint;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code POST /api/v1/webhooks/nexconn}: the Nexconn server's {@code user:connection_status}
 * presence webhook, mapped to {@link PresenceChanged} events by {@link PresenceParser}. The real
 * service documents no signature, so the caller proves itself with a shared secret in the {@code
 * X-Nexconn-Webhook-Secret} header or the {@code secret} query parameter. Envelope ids are
 * remembered like SDK batch ids on the path both endpoints share ({@link IdempotentEndpoint}), so a
 * redelivered envelope is not counted twice.
 */
public final class PresenceWebhookHandler {
  /** The route. */
  public static final String PATH = "/api/v1/webhooks/nexconn";

  /** The header carrying the shared secret. */
  public static final String SECRET_HEADER = "X-Nexconn-Webhook-Secret";

  private final SharedSecrets secrets;
  private final RateLimiter limiter;
  private final IngestMetrics metrics;
  private final long maxBodyBytes;
  private final IdempotentEndpoint endpoint;

  public PresenceWebhookHandler(
      SharedSecrets secrets,
      RateLimiter limiter,
      BatchWindow<JsonObject> window,
      Consumer<ConnectionEvent> publish,
      IngestMetrics metrics,
      Clock clock,
      LongSupplier nanoTime,
      long maxBodyBytes,
      int maxItems) {
    this.secrets = secrets;
    this.limiter = limiter;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    this.endpoint =
        new IdempotentEndpoint(
            new IdempotentEndpoint.Spec(
                Endpoint.WEBHOOK,
                "id",
                200,
                "the envelope was rejected: fix the fields in errors",
                ""),
            new PresenceParser(maxItems)::parse,
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
    String presented = ctx.request().getHeader(SECRET_HEADER);
    if (presented == null) {
      presented = ctx.request().getParam("secret");
    }
    if (secrets.match(presented).isEmpty()) {
      metrics.batchRejected(Endpoint.WEBHOOK, BatchRejectReason.UNAUTHORIZED, 0);
      JsonBodies.send(
          ctx,
          401,
          JsonBodies.error(
              "unauthorized",
              "missing or wrong webhook secret: send it in the "
                  + SECRET_HEADER
                  + " header or the secret query parameter, as configured in"
                  + " ingest.webhook"));
      return;
    }
    // One bucket for every sender: the webhook comes from the Nexconn server, not from apps.
    java.time.Duration wait = limiter.tryAcquire("webhook");
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      metrics.batchRejected(Endpoint.WEBHOOK, BatchRejectReason.RATE_LIMITED, 0);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      JsonBodies.send(
          ctx,
          429,
          JsonBodies.error(
              "rate_limited",
              "webhook envelopes arrive faster than ingest.webhook.rateLimit allows: retry after "
                  + seconds
                  + " s"));
      return;
    }
    if (!JsonBodies.admitJson(ctx, metrics, Endpoint.WEBHOOK)) {
      return;
    }
    ctx.next();
  }
}
