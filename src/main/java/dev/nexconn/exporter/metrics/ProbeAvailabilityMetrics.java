package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.StatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probe connections' status counts and the probe availability SLI, from one lock-protected
 * state read once per scrape ({@link ScrapeSnapshots}), so the status gauges always sum to the
 * number of probes and the two SLI counters agree:
 *
 * <pre>
 * nexconn_connections{source="probe",status="connected"} 998.0
 * nexconn_connections{source="probe",status="suspend"} 2.0
 * nexconn_probe_seconds_total 360000.0
 * nexconn_probe_connected_seconds_total 359640.0
 * nexconn_probe_connect_attempts_total{outcome="success",reason="none"} 1010.0
 * nexconn_probe_connect_attempts_total{outcome="failure",reason="token_incorrect"} 3.0
 * </pre>
 *
 * The availability SLI over any window is {@code increase(connected) / increase(total)}, exact
 * across scrapes. A connect attempt is a probe leaving {@code connecting}: into {@code connected}
 * (success) or into any other status (failure, that status as the reason).
 */
final class ProbeAvailabilityMetrics implements MeterBinder {
  private final ProbeStatusCounts counts;
  private final Map<ConnectionStatus, Counter> failures = new EnumMap<>(ConnectionStatus.class);
  private volatile Counter success;

  ProbeAvailabilityMetrics(Clock clock) {
    this.counts = new ProbeStatusCounts(clock);
  }

  private ProbeStatusCounts.Snapshot view() {
    return ScrapeSnapshots.of(counts, counts::snapshot);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (ConnectionStatus s : ConnectionStatus.values()) {
      Gauge.builder(MetricNames.CONNECTIONS, this, m -> m.view().count(s))
          .description("Probe connections currently in each status")
          .baseUnit("connections")
          .tag("source", EventSource.PROBE.label())
          .tag("status", s.label())
          .register(registry);
    }
    FunctionCounter.builder(MetricNames.PROBE_SECONDS, this, m -> m.view().totalSeconds())
        .description(
            "Probe-seconds elapsed over every probe that has a status, except signed-out ones:"
                + " the SLI's denominator")
        .baseUnit("seconds")
        .register(registry);
    FunctionCounter.builder(
            MetricNames.PROBE_CONNECTED_SECONDS, this, m -> m.view().connectedSeconds())
        .description("Probe-seconds spent connected: the SLI's numerator")
        .baseUnit("seconds")
        .register(registry);
    success = attempts(registry, "success", "none");
    for (ConnectionStatus s : ConnectionStatus.values()) {
      if (s != ConnectionStatus.CONNECTED && s != ConnectionStatus.CONNECTING) {
        failures.put(s, attempts(registry, "failure", s.label()));
      }
    }
  }

  private static Counter attempts(MeterRegistry registry, String outcome, String reason) {
    return Counter.builder(MetricNames.PROBE_CONNECT_ATTEMPTS)
        .description(
            "Probe connect attempts by outcome; a failure's reason is the status it ended in")
        .baseUnit("attempts")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }

  /** The event sink. */
  void onEvent(ConnectionEvent event) {
    if (!(event instanceof StatusChanged change) || change.source() != EventSource.PROBE) {
      return;
    }
    counts.move(change.from(), change.to());
    if (change.from() == ConnectionStatus.CONNECTING) {
      Counter c = change.to() == ConnectionStatus.CONNECTED ? success : failures.get(change.to());
      if (c != null) {
        c.increment();
      }
    }
  }
}
