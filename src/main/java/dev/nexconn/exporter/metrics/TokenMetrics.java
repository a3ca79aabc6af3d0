package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  @Override
  public void bindTo(MeterRegistry registry) {
    for (EventSource source : EventSource.values()) {
      for (TokenFailure.Reason r : TokenFailure.Reason.values()) {
        String reason = r.label();
        counters.put(
            "f|" + source.label() + "|" + reason,
            Counter.builder(MetricNames.TOKEN_FAILURES)
                .description("Access tokens refused or not obtainable, by source and reason")
                .baseUnit("failures")
                .tags("source", source.label(), "reason", reason)
                .register(registry));
      }
      for (TokenRefresh.Outcome o : TokenRefresh.Outcome.values()) {
        String outcome = o.label();
        counters.put(
            "r|" + source.label() + "|" + outcome,
            Counter.builder(MetricNames.TOKEN_REFRESHES)
                .description("New tokens requested after token_incorrect, by source and outcome")
                .baseUnit("refreshes")
                .tags("source", source.label(), "outcome", outcome)
                .register(registry));
      }
    }
  }

  /** The event sink. */
  public void onEvent(ConnectionEvent event) {
    if (event instanceof TokenFailure f) {
      count("f", f.source(), f.reason().label());
    } else if (event instanceof TokenRefresh r) {
      count("r", r.source(), r.outcome().label());
    }
  }

  private void count(String kind, EventSource source, String value) {
    Counter c = counters.get(kind + "|" + source.label() + "|" + value);
    if (c != null) {
      c.increment();
    }
  }
}
