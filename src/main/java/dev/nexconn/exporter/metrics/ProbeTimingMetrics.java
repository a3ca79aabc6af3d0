package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectCompleted;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.HeartbeatMeasured;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Histograms of connect time, recovery after a drop and heartbeat round trip, from {@link
 * ConnectCompleted} and {@link HeartbeatMeasured}. Buckets are fixed (no percentile histogram), so
 * each histogram costs a known number of series; the recovery buckets follow the SDK's reconnect
 * schedule so that jitter and the rate cap show up as a shift between buckets.
 *
 * <pre>
 * nexconn_connect_duration_seconds_bucket{source="probe",le="0.25"} 3
 * nexconn_reconnect_recovery_seconds_bucket{source="probe",le="2.0"} 1
 * nexconn_heartbeat_rtt_seconds_count{source="probe"} 40
 * </pre>
 */
final class ProbeTimingMetrics implements MeterBinder {
  static final Duration[] CONNECT_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
  static final Duration[] RECOVERY_BUCKETS =
      seconds(0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 300);
  static final Duration[] RTT_BUCKETS =
      seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 6);

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    timer(MetricNames.CONNECT_DURATION, EventSource.PROBE);
    timer(MetricNames.RECONNECT_RECOVERY, EventSource.PROBE);
    timer(MetricNames.HEARTBEAT_RTT, EventSource.PROBE);
  }

  /** The event sink. */
  public void onEvent(ConnectionEvent event) {
    if (registry == null) {
      return;
    }
    if (event instanceof ConnectCompleted c) {
      if (c.connectDuration() != null) {
        timer(MetricNames.CONNECT_DURATION, c.source()).record(c.connectDuration());
      }
      if (c.recovery() != null) {
        timer(MetricNames.RECONNECT_RECOVERY, c.source()).record(c.recovery());
      }
    } else if (event instanceof HeartbeatMeasured h && h.rtt() != null) {
      timer(MetricNames.HEARTBEAT_RTT, h.source()).record(h.rtt());
    }
  }

  private Timer timer(String name, EventSource source) {
    return timers.computeIfAbsent(
        name + "|" + source.label(),
        k -> {
          Timer.Builder b = Timer.builder(name).tag("source", source.label());
          switch (name) {
            case MetricNames.CONNECT_DURATION ->
                b.description(
                        "From the connect call (or the start of a reconnect attempt) to connected")
                    .serviceLevelObjectives(CONNECT_BUCKETS);
            case MetricNames.RECONNECT_RECOVERY ->
                b.description("From a drop of a connected connection to connected again")
                    .serviceLevelObjectives(RECOVERY_BUCKETS);
            default ->
                b.description("Heartbeat ping to pong round trip")
                    .serviceLevelObjectives(RTT_BUCKETS);
          }
          return b.register(registry);
        });
  }

  static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return out;
  }
}
