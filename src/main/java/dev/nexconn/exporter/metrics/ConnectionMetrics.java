package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connection status series derived from the event stream, for every source.
 *
 * <pre>
 * # TYPE nexconn_connection_status_transitions_total counter
 * nexconn_connection_status_transitions_total{from="connecting",platform="probe",source="probe",to="connected"} 3.0
 * nexconn_connection_status_transitions_total{from="none",platform="android",source="sdk",to="kicked_offline_by_other_client"} 1.0
 * </pre>
 *
 * <p>The probe status gauges ({@code nexconn_connections}) are {@link ProbeAvailabilityMetrics}'. A
 * transition whose previous status is unknown (a new probe, or the first status of an SDK batch)
 * has {@code from="none"}. Transitions are capped per {@link LabelLimits}.
 */
final class ConnectionMetrics implements MeterBinder {
  /**
   * The statuses the spike alerts watch. Their transition series are registered at zero, so the
   * alert signal exists from the first scrape: a rule's warm-up needs a baseline history, and
   * {@code increase()} cannot see the first event of a series that did not exist before it.
   */
  static final List<ConnectionStatus> ALERT_STATUSES =
      List.of(
          ConnectionStatus.DISCONN_EXCEPTION,
          ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT,
          ConnectionStatus.TOKEN_INCORRECT,
          ConnectionStatus.USER_ABANDON);

  /**
   * The zero series registered up front: {@code from="none"} into each alert status, for the probes
   * ({@code platform="probe"}) and for each SDK platform. The first status of an SDK batch lands in
   * the SDK ones, so {@code increase()} sees it; the probe ones may stay at zero.
   */
  private static final List<String[]> ALERT_BASELINE = alertBaseline();

  private final Map<String, Counter> transitions = new ConcurrentHashMap<>();
  private final Map<EventSource, Counter> reconnects = new EnumMap<>(EventSource.class);
  private final LabelFolding folding;
  private volatile MeterRegistry registry;

  private static List<String[]> alertBaseline() {
    List<String[]> out = new ArrayList<>();
    for (ConnectionStatus to : ALERT_STATUSES) {
      for (Platform platform : Platform.values()) {
        EventSource source = platform.reports() ? EventSource.SDK : EventSource.PROBE;
        out.add(new String[] {source.label(), LabelFolding.NONE, to.label(), platform.label()});
      }
    }
    return List.copyOf(out);
  }

  ConnectionMetrics(LabelFolding folding) {
    this.folding = folding;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    for (EventSource source : EventSource.values()) {
      reconnects.put(
          source,
          Counter.builder(MetricNames.RECONNECT_ATTEMPTS)
              .description("Automatic reconnect attempts after a drop or failed connect")
              .baseUnit("attempts")
              .tag("source", source.label())
              .register(registry));
    }
    for (String[] labels : ALERT_BASELINE) {
      if (folding.reserve(MetricNames.PROM_STATUS_TRANSITIONS, labels)) {
        transition(registry, labels);
      }
    }
  }

  /** The event sink: subscribe it to the event bus. */
  public void onEvent(ConnectionEvent event) {
    if (event instanceof StatusChanged change) {
      onStatusChanged(change);
    } else if (event instanceof ReconnectAttempt attempt) {
      Counter c = reconnects.get(attempt.source());
      if (c != null) {
        c.increment();
      }
    }
  }

  private void onStatusChanged(StatusChanged change) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    String[] labels =
        folding.admit(
            MetricNames.PROM_STATUS_TRANSITIONS,
            new String[] {
              change.source().label(),
              change.from() == null ? LabelFolding.NONE : change.from().label(),
              change.to().label(),
              LabelFolding.platform(change.dimensions().platform())
            },
            1);
    transition(r, labels).increment();
  }

  private Counter transition(MeterRegistry r, String[] labels) {
    return transitions.computeIfAbsent(
        String.join("|", labels),
        k ->
            Counter.builder(MetricNames.STATUS_TRANSITIONS)
                .description("Connection status transitions, by source, statuses and platform")
                .baseUnit("transitions")
                .tags(
                    "source", labels[0], "from", labels[1], "to", labels[2], "platform", labels[3])
                .register(r));
  }
}
