package dev.nexconn.exporter.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Self-metrics of the two ingest endpoints. Every label combination is registered up front, so a
 * rejection reason shows {@code 0} before it first happens and {@code rate()} works from the start.
 *
 * <pre>
 * nexconn_ingest_batches_total{endpoint="events",outcome="rejected",reason="unauthorized"} 1.0
 * nexconn_ingest_events_total{endpoint="events",outcome="accepted",reason="none"} 42.0
 * nexconn_ingest_batch_size_events_bucket{endpoint="events",le="50.0"} 3
 * nexconn_ingest_processing_seconds_bucket{endpoint="events",le="0.005"} 3
 * nexconn_ingest_reporter_dropped_events_total{endpoint="events"} 12.0
 * </pre>
 */
public final class IngestMetrics implements MeterBinder {
  public static final String BATCHES = "nexconn.ingest.batches";
  public static final String EVENTS = "nexconn.ingest.events";
  public static final String BATCH_SIZE = "nexconn.ingest.batch.size";
  public static final String PROCESSING = "nexconn.ingest.processing";
  public static final String API_KEYS = "nexconn.ingest.api.keys";
  public static final String REMEMBERED = "nexconn.ingest.remembered.batches";
  public static final String REPORTER_DROPPED = "nexconn.ingest.reporter.dropped";

  /** The {@code endpoint} label: which ingest route. */
  public enum Endpoint {
    EVENTS("events"),
    WEBHOOK("webhook");

    private final String label;

    Endpoint(String label) {
      this.label = label;
    }

    /** The label value. */
    public String label() {
      return label;
    }
  }

  private final Supplier<Integer> apiKeys;
  private final Supplier<Integer> remembered;
  private final Map<String, Counter> counters = new HashMap<>();
  private final Map<Endpoint, DistributionSummary> sizes = new HashMap<>();
  private final Map<Endpoint, Timer> latency = new HashMap<>();
  private Counter reporterDropped;
  private final Map<Endpoint, Counter> acceptedBatches = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Counter> acceptedEvents = new EnumMap<>(Endpoint.class);

  /**
   * @param apiKeys how many API keys are loaded now
   * @param remembered how many batch ids the idempotency window holds now
   */
  public IngestMetrics(Supplier<Integer> apiKeys, Supplier<Integer> remembered) {
    this.apiKeys = apiKeys;
    this.remembered = remembered;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Endpoint e : Endpoint.values()) {
      batch(registry, e, "accepted", "none");
      batch(registry, e, "duplicate", "none");
      for (BatchRejectReason r : BatchRejectReason.values()) {
        batch(registry, e, "rejected", r.label());
      }
      event(registry, e, "accepted", "none");
      acceptedBatches.put(e, counters.get(key("b", e, "accepted", "none")));
      acceptedEvents.put(e, counters.get(key("e", e, "accepted", "none")));
      for (EventRejectReason r : EventRejectReason.values()) {
        event(registry, e, "rejected", r.label());
      }
      sizes.put(
          e,
          DistributionSummary.builder(BATCH_SIZE)
              .description("Events per accepted batch (SDK reports) or webhook envelope (items)")
              .baseUnit("events")
              .tag("endpoint", e.label())
              .serviceLevelObjectives(1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000)
              .register(registry));
      latency.put(
          e,
          Timer.builder(PROCESSING)
              .description("Time from the request body being read to the response being sent")
              .tag("endpoint", e.label())
              .serviceLevelObjectives(
                  Duration.ofNanos(100_000),
                  Duration.ofNanos(500_000),
                  Duration.ofMillis(1),
                  Duration.ofMillis(5),
                  Duration.ofMillis(10),
                  Duration.ofMillis(50),
                  Duration.ofMillis(100),
                  Duration.ofMillis(500))
              .register(registry));
    }
    reporterDropped =
        Counter.builder(REPORTER_DROPPED)
            .description(
                "Events that apps' reporters dropped from their own bounded queues before sending,"
                    + " as the reporters say in a batch's dropped field (counted once per batch id)")
            .baseUnit("events")
            .tag("endpoint", Endpoint.EVENTS.label())
            .register(registry);
    Gauge.builder(API_KEYS, apiKeys, s -> s.get())
        .description("API keys currently accepted by POST /api/v1/events")
        .baseUnit("keys")
        .register(registry);
    Gauge.builder(REMEMBERED, remembered, s -> s.get())
        .description("Batch and envelope ids held in the idempotency window")
        .baseUnit("batches")
        .register(registry);
  }

  private void batch(MeterRegistry registry, Endpoint e, String outcome, String reason) {
    counters.put(
        key("b", e, outcome, reason),
        Counter.builder(BATCHES)
            .description("Ingest requests by endpoint, outcome and rejection reason")
            .baseUnit("batches")
            .tags("endpoint", e.label(), "outcome", outcome, "reason", reason)
            .register(registry));
  }

  private void event(MeterRegistry registry, Endpoint e, String outcome, String reason) {
    counters.put(
        key("e", e, outcome, reason),
        Counter.builder(EVENTS)
            .description("Reported events (webhook: data items) by outcome and rejection reason")
            .baseUnit("events")
            .tags("endpoint", e.label(), "outcome", outcome, "reason", reason)
            .register(registry));
  }

  private static String key(String kind, Endpoint e, String outcome, String reason) {
    return kind + '|' + e.label() + '|' + outcome + '|' + reason;
  }

  /** Counts a request that was refused as a whole, with the events it carried (if known). */
  public void batchRejected(Endpoint e, BatchRejectReason reason, int events) {
    inc(key("b", e, "rejected", reason.label()), 1);
    inc(key("e", e, "rejected", EventRejectReason.BATCH_REJECTED.label()), events);
  }

  /** Counts a retried batch that was answered from the idempotency window. */
  public void duplicate(Endpoint e) {
    inc(key("b", e, "duplicate", "none"), 1);
  }

  /** Counts an accepted batch with its accepted and rejected events and its processing time. */
  public void batchAccepted(
      Endpoint e, int accepted, Map<EventRejectReason, Integer> rejected, long nanos) {
    // The accepted counters are looked up by enum, not by a key string: this runs per batch.
    increment(acceptedBatches.get(e), 1);
    increment(acceptedEvents.get(e), accepted);
    int total = accepted;
    for (Map.Entry<EventRejectReason, Integer> r : rejected.entrySet()) {
      inc(key("e", e, "rejected", r.getKey().label()), r.getValue());
      total += r.getValue();
    }
    DistributionSummary size = sizes.get(e);
    if (size != null) {
      size.record(total);
    }
    processed(e, nanos);
  }

  /** Records processing time of any request that reached the body. */
  /** Drops a reporter says it had before an accepted batch (SDK reports only). */
  public void reporterDropped(Endpoint e, int events) {
    Counter c = reporterDropped;
    if (e == Endpoint.EVENTS && events > 0 && c != null) {
      c.increment(events);
    }
  }

  public void processed(Endpoint e, long nanos) {
    Timer t = latency.get(e);
    if (t != null) {
      t.record(Duration.ofNanos(nanos));
    }
  }

  private void inc(String key, int amount) {
    increment(counters.get(key), amount);
  }

  private static void increment(Counter c, int amount) {
    if (c != null && amount > 0) {
      c.increment(amount);
    }
  }
}
