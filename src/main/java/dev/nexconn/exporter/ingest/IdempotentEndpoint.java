package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.EventSink;
import dev.nexconn.exporter.ingest.IngestMetrics.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path both ingest endpoints take once a caller is admitted (authenticated, within its
 * rate, JSON): read the body, deduplicate by its id, parse, publish, remember. A batch id seen
 * within the window is answered with the remembered response ({@code duplicate: true}) and counted
 * once. A body that {@link BodyParser#parseValid} reads in one pass (a valid SDK batch in plain
 * JSON) is parsed before the id is looked up; the answers are the same, as only a valid body can
 * take that path.
 *
 * <p>No lock shared by requests is held while parsing or publishing (sinks run in {@code publish}):
 * a request claims its id in a per-id in-flight map instead, so a concurrent retry of the same
 * batch waits for the first request's answer rather than being counted twice, and requests with
 * other ids never wait for each other.
 */
final class IdempotentEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotentEndpoint.class);

  /** What a body turns into; {@link ReportParser} and {@link PresenceParser} are the two. */
  @FunctionalInterface
  interface BodyParser {
    ParsedReport parse(JsonNode root, Instant now);

    /**
     * The body's report read straight from its bytes when it is entirely valid, or null to take the
     * tree path ({@link #parse}), which names whatever is wrong.
     */
    default ParsedReport parseValid(byte[] body, Instant now) {
      return null;
    }
  }

  /**
   * How the endpoints differ.
   *
   * @param endpoint the {@code endpoint} label and the id prefix in the shared window
   * @param idField the body field holding the batch or envelope id
   * @param okStatus the status of an accepted body (202 for reports, 200 for the webhook)
   * @param invalidMessage the message of the 400 for an invalid envelope
   * @param tooLargeHint what the caller can do about a 413, appended to its message
   */
  record Spec(
      Endpoint endpoint,
      String idField,
      int okStatus,
      String invalidMessage,
      String tooLargeHint) {}

  private final Spec spec;
  private final BodyParser parser;
  private final BatchWindow<JsonObject> window;
  private final Consumer<ConnectionEvent> publish;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<String, Promise<JsonObject>> inFlight = new ConcurrentHashMap<>();
  private static final AtomicReferenceArray<JsonObject> CLEAN = new AtomicReferenceArray<>(1025);

  IdempotentEndpoint(
      Spec spec,
      BodyParser parser,
      BatchWindow<JsonObject> window,
      Consumer<ConnectionEvent> publish,
      IngestMetrics metrics,
      Clock clock,
      LongSupplier nanoTime) {
    this.spec = spec;
    this.parser = parser;
    this.window = window;
    this.publish = publish;
    this.metrics = metrics;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  /**
   * Adds the POST route: {@code admit} (authentication, rate, content type) runs before the body is
   * read; a body over {@code maxBodyBytes} is answered 413, any other failure 500.
   */
  void register(Router router, String path, Handler<RoutingContext> admit, long maxBodyBytes) {
    JsonBodies.route(
        router, path, admit, maxBodyBytes, this::handle, ctx -> failure(ctx, maxBodyBytes));
  }

  private void failure(RoutingContext ctx, long maxBodyBytes) {
    if (ctx.statusCode() == 413) {
      metrics.batchRejected(spec.endpoint(), BatchRejectReason.TOO_LARGE, 0);
      JsonBodies.send(
          ctx,
          413,
          JsonBodies.error(
              "too_large",
              "the body is larger than "
                  + maxBodyBytes
                  + " bytes (ingest.maxBodyBytes)"
                  + spec.tooLargeHint()));
      return;
    }
    if (!ctx.request().isEnded()) {
      // The body could not be read (a bad chunk size, a reset): the client's mistake, not ours.
      metrics.batchRejected(spec.endpoint(), BatchRejectReason.MALFORMED, 0);
      String why = ctx.failure() == null ? "" : ctx.failure().getMessage();
      LOG.atInfo()
          .addKeyValue("event", "ingest_body_unreadable")
          .addKeyValue("endpoint", spec.endpoint().label())
          .addKeyValue("error", why)
          .log();
      JsonBodies.send(
          ctx,
          400,
          JsonBodies.error(
              "malformed",
              "the request body could not be read ("
                  + why
                  + "): send it with a Content-Length or valid chunked encoding"));
      return;
    }
    LOG.atWarn()
        .addKeyValue("event", "ingest_failure")
        .addKeyValue("endpoint", spec.endpoint().label())
        .addKeyValue("status", ctx.statusCode())
        .addKeyValue("error", ctx.failure() == null ? "" : ctx.failure().toString())
        .log();
    JsonBodies.send(
        ctx, 500, JsonBodies.error("internal", "the request could not be processed; retry later"));
  }

  /** The body handler of an admitted request. */
  void handle(RoutingContext ctx) {
    long start = nanoTime.getAsLong();
    Buffer buffer = ctx.body().buffer();
    byte[] body = buffer == null ? null : buffer.getBytes();
    ParsedReport valid = body == null ? null : parser.parseValid(body, clock.instant());
    if (valid != null) {
      process(ctx, valid.batchId(), now -> valid, start);
      return;
    }
    JsonNode root = JsonBodies.readOrReject(ctx, body, metrics, spec.endpoint());
    if (root != null) {
      JsonNode id = root.isObject() ? root.get(spec.idField()) : null;
      process(
          ctx,
          id != null && id.isTextual() ? id.asText() : null,
          now -> parser.parse(root, now),
          start);
    }
  }

  /**
   * Deduplicates by {@code id} (the body's id field, or null), then has {@code parse} make the
   * report as of the clock's now, publishes and remembers it.
   */
  private void process(
      RoutingContext ctx, String id, Function<Instant, ParsedReport> parse, long start) {
    String key = id == null ? null : spec.endpoint().label() + "|" + id;
    Promise<JsonObject> claim = null;
    if (key != null) {
      Optional<JsonObject> seen = window.lookup(key);
      if (seen.isPresent()) {
        duplicate(ctx, seen.get(), start);
        return;
      }
      claim = Promise.promise();
      Promise<JsonObject> first = inFlight.putIfAbsent(key, claim);
      if (first != null) {
        awaitFirst(ctx, id, parse, start, first.future());
        return;
      }
      // The first request may have finished between the lookup and the claim: it remembers
      // before it releases its claim, so looking again is enough.
      seen = window.lookup(key);
      if (seen.isPresent()) {
        inFlight.remove(key, claim);
        claim.complete(seen.get());
        duplicate(ctx, seen.get(), start);
        return;
      }
    }
    JsonObject response = null;
    try {
      response = parsePublishRemember(ctx, parse, key, start);
    } finally {
      if (claim != null) {
        inFlight.remove(key, claim);
        if (response != null) {
          claim.complete(response);
        } else {
          claim.fail("the first request with this id was rejected");
        }
      }
    }
    if (response != null) {
      JsonBodies.send(ctx, spec.okStatus(), response);
    }
  }

  /** The accepted response, remembered under {@code key}; or null after answering 400. */
  private JsonObject parsePublishRemember(
      RoutingContext ctx, Function<Instant, ParsedReport> parse, String key, long start) {
    ParsedReport report = parse.apply(clock.instant());
    if (!report.batchValid()) {
      metrics.batchRejected(spec.endpoint(), BatchRejectReason.INVALID, report.rejectedCount());
      metrics.processed(spec.endpoint(), nanoTime.getAsLong() - start);
      List<FieldError> all = new ArrayList<>(report.batchErrors());
      all.addAll(report.eventErrors());
      JsonBodies.send(
          ctx, 400, JsonBodies.withErrors(JsonBodies.error("invalid", spec.invalidMessage()), all));
      return null;
    }
    JsonObject response;
    if (report.eventErrors().isEmpty() && report.accepted() < CLEAN.length()) {
      response = clean(report.accepted());
    } else {
      response = response(report.accepted(), report.rejectedCount());
      JsonBodies.withErrors(response, report.eventErrors());
    }
    if (key != null) {
      try {
        // Written ahead (WindowJournal) before anything is counted: a retry after a restart is
        // then a duplicate, and a batch that cannot be remembered is not counted at all.
        window.remember(key, response);
      } catch (UncheckedIOException e) {
        LOG.atWarn()
            .addKeyValue("event", "idempotency_write_failed")
            .addKeyValue("endpoint", spec.endpoint().label())
            .addKeyValue("error", e.getMessage())
            .log();
        metrics.batchRejected(spec.endpoint(), BatchRejectReason.UNAVAILABLE, 0);
        ctx.response().putHeader("Retry-After", "5");
        JsonBodies.send(
            ctx,
            503,
            JsonBodies.error(
                "unavailable",
                "the sidecar cannot record batch ids on its data volume"
                    + " (ingest.idempotency.file): retry after 5 s with the same id"));
        return null;
      }
    }
    if (publish instanceof EventSink batch) {
      // The bus's publisher: one call per batch, so batch-aware sinks touch shared state once.
      batch.acceptAll(report.events());
    } else {
      report.events().forEach(publish);
    }
    metrics.batchAccepted(
        spec.endpoint(), report.accepted(), report.rejected(), nanoTime.getAsLong() - start);
    metrics.reporterDropped(spec.endpoint(), report.reporterDropped());
    return response;
  }

  private static JsonObject response(int accepted, int rejected) {
    return new JsonObject()
        .put("accepted", accepted)
        .put("rejected", rejected)
        .put("duplicate", false);
  }

  /**
   * The response of a batch whose every event was accepted, one shared object per count: the window
   * remembers up to {@code idempotency.maxBatches} responses for minutes, and a copy per batch was
   * the bulk of what the young collections had to copy. Never mutated (a duplicate answer copies
   * it).
   */
  private static JsonObject clean(int accepted) {
    JsonObject r = CLEAN.get(accepted);
    if (r == null) {
      r = response(accepted, 0);
      CLEAN.compareAndSet(accepted, null, r);
    }
    return r;
  }

  /** A concurrent request with the same id is in flight: answer after it, on this context. */
  private void awaitFirst(
      RoutingContext ctx,
      String id,
      Function<Instant, ParsedReport> parse,
      long start,
      Future<JsonObject> first) {
    Context here = Vertx.currentContext();
    first.onComplete(
        ar -> {
          Runnable next =
              ar.succeeded()
                  ? () -> duplicate(ctx, ar.result(), start)
                  : () -> process(ctx, id, parse, start);
          if (here == null) {
            next.run();
          } else {
            here.runOnContext(v -> next.run());
          }
        });
  }

  private void duplicate(RoutingContext ctx, JsonObject remembered, long start) {
    metrics.duplicate(spec.endpoint());
    metrics.processed(spec.endpoint(), nanoTime.getAsLong() - start);
    JsonBodies.send(ctx, spec.okStatus(), remembered.copy().put("duplicate", true));
  }
}
