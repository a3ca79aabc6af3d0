package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.event.PresenceChanged.Presence;
import dev.nexconn.exporter.ingest.IngestMetrics.Endpoint;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code POST /api/v1/webhooks/nexconn}: the Nexconn server's {@code user:connection_status}
 * presence webhook, mapped to {@link PresenceChanged} events by {@code status} and {@code os}. The
 * real service documents no signature, so the caller proves itself with a shared secret in the
 * {@code X-Nexconn-Webhook-Secret} header or the {@code secret} query parameter. Envelope ids are
 * remembered like SDK batch ids, so a redelivered envelope is not counted twice. User ids, IPs and
 * session ids are read past and never kept.
 */
public final class PresenceWebhookHandler {
  /** The route. */
  public static final String PATH = "/api/v1/webhooks/nexconn";

  /** The header carrying the shared secret. */
  public static final String SECRET_HEADER = "X-Nexconn-Webhook-Secret";

  static final String TYPE = "user:connection_status";

  private final ApiKeyStore secrets;
  private final BatchWindow<JsonObject> window;
  private final Consumer<ConnectionEvent> publish;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final long maxBodyBytes;
  private final int maxItems;

  public PresenceWebhookHandler(
      ApiKeyStore secrets,
      BatchWindow<JsonObject> window,
      Consumer<ConnectionEvent> publish,
      IngestMetrics metrics,
      Clock clock,
      LongSupplier nanoTime,
      long maxBodyBytes,
      int maxItems) {
    this.secrets = secrets;
    this.window = window;
    this.publish = publish;
    this.metrics = metrics;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.maxBodyBytes = maxBodyBytes;
    this.maxItems = maxItems;
  }

  /** Adds the route to {@code router}. */
  public void register(Router router) {
    JsonBodies.route(router, PATH, this::admit, maxBodyBytes, this::handle, this::failure);
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
    if (!JsonBodies.admitJson(ctx, metrics, Endpoint.WEBHOOK)) {
      return;
    }
    ctx.next();
  }

  private void failure(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      metrics.batchRejected(Endpoint.WEBHOOK, BatchRejectReason.TOO_LARGE, 0);
      JsonBodies.send(
          ctx,
          413,
          JsonBodies.error(
              "too_large",
              "the body is larger than " + maxBodyBytes + " bytes (ingest.maxBodyBytes)"));
      return;
    }
    JsonBodies.send(ctx, 500, JsonBodies.error("internal", "the webhook could not be processed"));
  }

  private void handle(RoutingContext ctx) {
    long start = nanoTime.getAsLong();
    JsonNode root = JsonBodies.readOrReject(ctx, metrics, Endpoint.WEBHOOK);
    if (root == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    JsonNode id = root.get("id");
    JsonNode type = root.get("type");
    JsonNode data = root.get("data");
    if (!root.isObject()) {
      errors.add(new FieldError("", "the body must be a JSON object {type, id, time, data}"));
    } else {
      if (type == null || !type.isTextual()) {
        errors.add(new FieldError("type", "is required, e.g. \"" + TYPE + "\""));
      }
      if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > 64) {
        errors.add(new FieldError("id", "is required: the envelope id, 1-64 characters"));
      }
      if (data == null || !data.isArray()) {
        errors.add(new FieldError("data", "is required: a list of presence items"));
      } else if (data.size() > maxItems) {
        errors.add(
            new FieldError(
                "data", "has " + data.size() + " items, at most " + maxItems + " are allowed"));
      }
    }
    int total = data != null && data.isArray() ? data.size() : 0;
    if (!errors.isEmpty()) {
      metrics.batchRejected(Endpoint.WEBHOOK, BatchRejectReason.INVALID, total);
      JsonBodies.send(
          ctx,
          400,
          JsonBodies.withErrors(
              JsonBodies.error("invalid", "the envelope was rejected: fix the fields in errors"),
              errors));
      return;
    }
    String key = "webhook|" + id.asText();
    JsonObject response;
    synchronized (window) {
      Optional<JsonObject> seen = window.lookup(key);
      if (seen.isPresent()) {
        metrics.duplicate(Endpoint.WEBHOOK);
        metrics.processed(Endpoint.WEBHOOK, nanoTime.getAsLong() - start);
        JsonBodies.send(ctx, 200, seen.get().copy().put("duplicate", true));
        return;
      }
      Map<EventRejectReason, Integer> rejected = new EnumMap<>(EventRejectReason.class);
      int accepted = 0;
      if (!TYPE.equals(type.asText())) {
        // Other webhook types (e.g. soft-delete results) may share the URL: acknowledged, not used.
        rejected.put(EventRejectReason.UNKNOWN_TYPE, total);
      } else {
        Instant fallback = clock.instant();
        for (int i = 0; i < total; i++) {
          PresenceChanged event = item(data.get(i), "data[" + i + "]", fallback, errors);
          if (event == null) {
            rejected.merge(EventRejectReason.INVALID, 1, Integer::sum);
          } else {
            accepted++;
            publish.accept(event);
          }
        }
      }
      response =
          new JsonObject()
              .put("accepted", accepted)
              .put("rejected", total - accepted)
              .put("duplicate", false);
      JsonBodies.withErrors(response, errors);
      window.remember(key, response);
      metrics.batchAccepted(Endpoint.WEBHOOK, accepted, rejected, nanoTime.getAsLong() - start);
    }
    JsonBodies.send(ctx, 200, response);
  }

  private static PresenceChanged item(
      JsonNode item, String path, Instant fallback, List<FieldError> errors) {
    int before = errors.size();
    if (!item.isObject()) {
      errors.add(new FieldError(path, "must be an object {userId, status, os, time}"));
      return null;
    }
    JsonNode status = item.get("status");
    Presence presence = null;
    if (status != null && (status.isTextual() || status.isIntegralNumber())) {
      for (Presence p : Presence.values()) {
        if (p.wireCode().equals(status.asText())) {
          presence = p;
        }
      }
    }
    if (presence == null) {
      errors.add(
          new FieldError(
              path + ".status",
              "must be \"0\" (connected), \"1\" (disconnected) or \"2\" (logged out), got "
                  + EventParser.shown(status)));
    }
    JsonNode os = item.get("os");
    if (os != null && !os.isNull() && (!os.isTextual() || os.asText().length() > 32)) {
      errors.add(new FieldError(path + ".os", "must be a string of at most 32 characters"));
    }
    JsonNode user = item.get("userId");
    if (user == null || !user.isTextual() || user.asText().isEmpty()) {
      errors.add(new FieldError(path + ".userId", "is required"));
    }
    JsonNode time = item.get("time");
    Instant at =
        time != null && time.isIntegralNumber() && time.asLong() > 0
            ? Instant.ofEpochMilli(time.asLong())
            : fallback;
    if (errors.size() > before) {
      return null;
    }
    String osText = os == null || os.isNull() ? "" : os.asText();
    return new PresenceChanged(EventSource.WEBHOOK, at, new Dimensions("", "", osText), presence);
  }
}
