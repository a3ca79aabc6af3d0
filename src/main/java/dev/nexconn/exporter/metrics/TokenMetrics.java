package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Token failures (the token-expiry wave signal) and token refreshes, for every source. Reasons and
 * outcomes are closed enums, so every label combination is registered up front.
 *
 * <pre>
 * nexconn_token_failures_total{reason="expired",source="sdk"} 12.0
 * nexconn_token_refreshes_total{outcome="success",source="probe"} 1.0
 * </pre>
 */
final class TokenMetrics implements MeterBinder {
  /** Counters by source and reason (outcome) ordinal: every combination exists up front. */
  private final Counter[][] failures =
      new Counter[EventSource.values().length][TokenFailure.Reason.values().length];

  private final Counter[][] refreshes =
      new Counter[EventSource.values().length][TokenRefresh.Outcome.values().length];

  @Override
  public void bindTo(MeterRegistry registry) {
    for (EventSource source : EventSource.values()) {
      for (TokenFailure.Reason r : TokenFailure.Reason.values()) {
        failures[source.ordinal()][r.ordinal()] =
            Counter.builder(MetricNames.TOKEN_FAILURES)
                .description("Access tokens refused or not obtainable, by source and reason")
                .baseUnit("failures")
                .tags("source", source.label(), "reason", r.label())
                .register(registry);
      }
      for (TokenRefresh.Outcome o : TokenRefresh.Outcome.values()) {
        refreshes[source.ordinal()][o.ordinal()] =
            Counter.builder(MetricNames.TOKEN_REFRESHES)
                .description("New tokens requested after token_incorrect, by source and outcome")
                .baseUnit("refreshes")
                .tags("source", source.label(), "outcome", o.label())
                .register(registry);
      }
    }
  }

  /** The event sink. */
  public void onEvent(ConnectionEvent event) {
    if (event instanceof TokenFailure f) {
      increment(failures[f.source().ordinal()][f.reason().ordinal()]);
    } else if (event instanceof TokenRefresh r) {
      increment(refreshes[r.source().ordinal()][r.outcome().ordinal()]);
    }
  }

  private static void increment(Counter c) {
    // Unbound (before bindTo): nothing to count into.
    if (c != null) {
      c.increment();
    }
  }
}
