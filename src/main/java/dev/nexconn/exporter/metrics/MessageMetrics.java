package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.MessageProbed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Message round-trip probes, from {@link MessageProbed}: a round-trip histogram and lost,
 * duplicated, out-of-order and late counters, each by {@code path} (probe, server_api). Two label
 * values, so every series is registered at start and an alert sees the first loss.
 *
 * <pre>
 * nexconn_message_roundtrip_seconds_bucket{path="probe",le="0.1"} 118
 * nexconn_messages_lost_total{path="probe"} 3.0
 * </pre>
 */
final class MessageMetrics implements MeterBinder {
  static final Duration[] ROUNDTRIP_BUCKETS =
      ProbeTimingMetrics.seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);

  private final Map<MessageProbed.Path, Timer> roundTrips = new EnumMap<>(MessageProbed.Path.class);
  private final Map<MessageProbed.Path, Map<MessageProbed.Outcome, Counter>> counters =
      new EnumMap<>(MessageProbed.Path.class);

  @Override
  public void bindTo(MeterRegistry registry) {
    for (MessageProbed.Path p : MessageProbed.Path.values()) {
      roundTrips.put(
          p,
          Timer.builder(MetricNames.MESSAGE_ROUNDTRIP)
              .description(
                  "Time from sending a probe message to its delivery to the other probe, by path")
              .tag("path", p.label())
              .serviceLevelObjectives(ROUNDTRIP_BUCKETS)
              .register(registry));
      Map<MessageProbed.Outcome, Counter> byOutcome = new EnumMap<>(MessageProbed.Outcome.class);
      byOutcome.put(
          MessageProbed.Outcome.LOST,
          counter(registry, MetricNames.MESSAGES_LOST, "not delivered within the deadline", p));
      byOutcome.put(
          MessageProbed.Outcome.DUPLICATED,
          counter(registry, MetricNames.MESSAGES_DUPLICATED, "delivered more than once", p));
      byOutcome.put(
          MessageProbed.Outcome.OUT_OF_ORDER,
          counter(
              registry,
              MetricNames.MESSAGES_OUT_OF_ORDER,
              "delivered after a later message of the same direction",
              p));
      byOutcome.put(
          MessageProbed.Outcome.LATE,
          counter(
              registry,
              MetricNames.MESSAGES_LATE,
              "delivered after the deadline (already counted lost)",
              p));
      counters.put(p, byOutcome);
    }
  }

  private static Counter counter(
      MeterRegistry registry, String name, String what, MessageProbed.Path p) {
    return Counter.builder(name)
        .description("Probe messages " + what + ", by path")
        .tag("path", p.label())
        .register(registry);
  }

  /** The event sink. */
  public void onEvent(ConnectionEvent event) {
    if (!(event instanceof MessageProbed m) || roundTrips.isEmpty()) {
      return;
    }
    // Out-of-order deliveries are round trips too; late ones are not: they already count as
    // lost and their time is beyond the deadline by definition.
    if (m.roundTrip() != null && m.outcome() != MessageProbed.Outcome.LATE) {
      roundTrips.get(m.path()).record(m.roundTrip());
    }
    Counter c = counters.get(m.path()).get(m.outcome());
    if (c != null) {
      c.increment();
    }
  }
}
