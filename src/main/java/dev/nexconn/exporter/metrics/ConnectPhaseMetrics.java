package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectAttemptTraced;
import dev.nexconn.exporter.event.ConnectFailureReason;
import dev.nexconn.exporter.event.ConnectPhase;
import dev.nexconn.exporter.event.ConnectionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where probe connects spend their time and where they fail, from {@link ConnectAttemptTraced}: a
 * duration histogram per phase and a failure counter per phase and reason. Both label sets are
 * closed enums, so every series is registered at start (5 histograms, 17 counters) and an alert
 * sees a failure from its first occurrence.
 *
 * <pre>
 * nexconn_connect_phase_duration_seconds_bucket{phase="tls",le="0.05"} 12
 * nexconn_connect_failures_total{phase="tcp",reason="tcp_refused"} 3.0
 * </pre>
 */
final class ConnectPhaseMetrics implements MeterBinder {
  static final Duration[] PHASE_BUCKETS =
      ProbeTimingMetrics.seconds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

  private final Map<ConnectPhase, Timer> durations = new EnumMap<>(ConnectPhase.class);
  private final Map<ConnectFailureReason, Counter> failures =
      new EnumMap<>(ConnectFailureReason.class);

  @Override
  public void bindTo(MeterRegistry registry) {
    for (ConnectPhase p : ConnectPhase.values()) {
      durations.put(
          p,
          Timer.builder(MetricNames.CONNECT_PHASE_DURATION)
              .description(
                  "Duration of each completed phase of a probe connect attempt (dns, tcp, tls,"
                      + " ws_upgrade, connack)")
              .tag("phase", p.label())
              .serviceLevelObjectives(PHASE_BUCKETS)
              .register(registry));
    }
    for (ConnectFailureReason r : ConnectFailureReason.values()) {
      failures.put(
          r,
          Counter.builder(MetricNames.CONNECT_FAILURES)
              .description("Probe connect attempts that failed, by the phase and reason")
              .baseUnit("failures")
              .tags("phase", r.phase().label(), "reason", r.label())
              .register(registry));
    }
  }

  /** The event sink. */
  public void onEvent(ConnectionEvent event) {
    if (!(event instanceof ConnectAttemptTraced t) || durations.isEmpty()) {
      return;
    }
    t.phases().forEach((phase, took) -> durations.get(phase).record(took));
    if (t.failure() != null) {
      failures.get(t.failure()).increment();
    }
  }
}
