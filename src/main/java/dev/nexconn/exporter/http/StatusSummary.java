package dev.nexconn.exporter.http;

import dev.nexconn.exporter.config.SummaryConfig;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventSink;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.event.PresenceChanged.Presence;
import dev.nexconn.exporter.event.StatusChanged;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code GET /api/v1/summary}: since start, how many status transitions each source reported into
 * each status, how many presence changes the webhook reported, and the last N transitions. It keeps
 * no user id except, when the operator enables it, the (operator-chosen) user ids of probes.
 *
 * <pre>{@code
 * {"since":"2026-11-28T07:00:00Z",
 *  "statuses":{"probe":{"connected":3,...},"sdk":{...},"webhook":{...}},
 *  "presence":{"connected":2,"disconnected":1,"logged_out":0},
 *  "recentTransitions":[{"at":"...","source":"sdk","platform":"android","from":"none",
 *                        "to":"kicked_offline_by_other_client","errorCode":31010}]}
 * }</pre>
 */
public final class StatusSummary implements EventSink {
  /** The route. */
  public static final String PATH = "/api/v1/summary";

  private final Instant since;
  private final int recentLimit;
  private final boolean showProbeUserIds;
  // LongAdders: counted per event from every event loop, read once per summary request.
  private final Map<EventSource, LongAdder[]> statuses = new EnumMap<>(EventSource.class);
  private final AtomicLongArray presence = new AtomicLongArray(Presence.values().length);
  private final AtomicReferenceArray<StatusChanged> recent;
  private final AtomicLong written = new AtomicLong();

  /** The summary {@code ingest.summary} configures. */
  public static StatusSummary create(SummaryConfig config, Clock clock) {
    return new StatusSummary(clock, config.recentTransitions(), config.showProbeUserIds());
  }

  /**
   * @param clock tells when counting started
   * @param recentLimit how many recent transitions to keep (0 keeps none)
   * @param showProbeUserIds whether probe transitions show their user id
   */
  public StatusSummary(Clock clock, int recentLimit, boolean showProbeUserIds) {
    this.since = clock.instant();
    this.recentLimit = recentLimit;
    this.showProbeUserIds = showProbeUserIds;
    this.recent = new AtomicReferenceArray<>(Math.max(1, recentLimit));
    for (EventSource s : EventSource.values()) {
      LongAdder[] counts = new LongAdder[ConnectionStatus.values().length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
      statuses.put(s, counts);
    }
  }

  @Override
  public void accept(ConnectionEvent event) {
    onEvent(event);
  }

  /**
   * A batch: counts every event, and claims the ring slots of the batch's status changes with one
   * atomic step (only the last {@code recentLimit} of them can be among the recent ones).
   */
  @Override
  public void acceptAll(List<? extends ConnectionEvent> events) {
    int changes = 0;
    for (ConnectionEvent event : events) {
      if (event instanceof StatusChanged c) {
        statuses.get(c.source())[c.to().ordinal()].increment();
        changes++;
      } else if (event instanceof PresenceChanged p) {
        presence.incrementAndGet(p.presence().ordinal());
      }
    }
    if (recentLimit == 0 || changes == 0) {
      return;
    }
    int kept = Math.min(changes, recentLimit);
    long n = written.getAndAdd(kept);
    int skip = changes - kept;
    for (ConnectionEvent event : events) {
      if (event instanceof StatusChanged c && skip-- <= 0) {
        recent.lazySet((int) (n++ % recentLimit), c);
      }
    }
  }

  /** The event sink: subscribe it to the event bus. */
  public void onEvent(ConnectionEvent event) {
    if (event instanceof StatusChanged c) {
      statuses.get(c.source())[c.to().ordinal()].increment();
      if (recentLimit > 0) {
        // A ring with an atomic cursor instead of a deque under a lock: every status event of
        // every ingest request passes here.
        long n = written.getAndIncrement();
        recent.lazySet((int) (n % recentLimit), c);
      }
    } else if (event instanceof PresenceChanged p) {
      presence.incrementAndGet(p.presence().ordinal());
    }
  }

  /** Adds {@code GET /api/v1/summary} to {@code router}. */
  public void register(Router router) {
    router.get(PATH).handler(this::handle);
  }

  /** The summary as JSON. */
  public JsonObject toJson() {
    JsonObject byStatus = new JsonObject();
    for (Map.Entry<EventSource, LongAdder[]> e : statuses.entrySet()) {
      JsonObject counts = new JsonObject();
      for (ConnectionStatus s : ConnectionStatus.values()) {
        counts.put(s.label(), e.getValue()[s.ordinal()].sum());
      }
      byStatus.put(e.getKey().label(), counts);
    }
    JsonObject presenceCounts = new JsonObject();
    for (Presence p : Presence.values()) {
      presenceCounts.put(p.label(), presence.get(p.ordinal()));
    }
    JsonArray list = new JsonArray();
    long n = written.get();
    for (long i = n - 1; i >= Math.max(0, n - recentLimit); i--) {
      StatusChanged c = recent.get((int) (i % recentLimit));
      if (c != null) {
        list.add(transition(c));
      }
    }
    return new JsonObject()
        .put("since", since.toString())
        .put("statuses", byStatus)
        .put("presence", presenceCounts)
        .put("recentTransitions", list);
  }

  private JsonObject transition(StatusChanged c) {
    JsonObject t =
        new JsonObject()
            .put("at", c.at().toString())
            .put("source", c.source().label())
            .put("platform", c.dimensions().platformLabel())
            .put("from", c.from() == null ? "none" : c.from().label())
            .put("to", c.to().label())
            .put("errorCode", c.errorCode());
    // A probe's connection id embeds its user id, so both are shown only when enabled.
    if (c.source() == EventSource.PROBE && showProbeUserIds) {
      t.put("connectionId", c.connectionId());
      t.put("userId", c.userId());
    }
    return t;
  }

  private void handle(RoutingContext ctx) {
    HttpServerVerticle.json(ctx, 200, toJson());
  }
}
