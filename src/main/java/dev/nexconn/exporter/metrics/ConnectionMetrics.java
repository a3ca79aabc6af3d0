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
import java.util.concurrent.atomic.AtomicReferenceArray;

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
   * The zero series registered up front: from {@code none}, {@code connecting} and {@code
   * connected} into each alert status, for the probes ({@code platform="probe"}) and for each SDK
   * platform. The first status of an SDK batch lands in the {@code none} ones; a ban, kick or
   * refused token normally comes from {@code connected} or {@code connecting}. A series born in a
   * burst is invisible to Prometheus's {@code increase()} (its first sample has no predecessor), so
   * the transitions an alert counts must exist before the burst: a batch reporting {@code
   * connected} then 100 x {@code disconn_exception} after a quiet start would otherwise never fire
   * the Prometheus rule (found by {@code TimeToAlertBench}).
   */
  private static final List<String[]> ALERT_BASELINE = alertBaseline();

  /** Sizes of the transition slot array ({@link #slot}). */
  private static final int STATUSES = ConnectionStatus.values().length;

  private static final int PLATFORMS = Platform.values().length;
  private static final int SLOTS =
      EventSource.values().length * (STATUSES + 1) * STATUSES * (PLATFORMS + 1);

  private final Map<String, Counter> transitions = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<Counter> transitionSlots = new AtomicReferenceArray<>(SLOTS);
  private final Map<EventSource, Counter> reconnects = new EnumMap<>(EventSource.class);
  private final LabelFolding folding;
  private volatile MeterRegistry registry;

  private static List<String[]> alertBaseline() {
    List<String[]> out = new ArrayList<>();
    List<String> froms =
        List.of(
            LabelFolding.NONE,
            ConnectionStatus.CONNECTING.label(),
            ConnectionStatus.CONNECTED.label());
    for (ConnectionStatus to : ALERT_STATUSES) {
      for (Platform platform : Platform.values()) {
        EventSource source = platform.reports() ? EventSource.SDK : EventSource.PROBE;
        for (String from : froms) {
          out.add(new String[] {source.label(), from, to.label(), platform.label()});
        }
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

  /**
   * A batch, with the effect of {@link #onEvent} for each event: transitions whose counter is known
   * are added once per counter for the batch ({@link BatchTally}).
   */
  void acceptAll(List<? extends ConnectionEvent> events) {
    BatchTally tally = new BatchTally();
    for (ConnectionEvent event : events) {
      Counter cached =
          event instanceof StatusChanged change && registry != null
              ? transitionSlots.get(slot(change))
              : null;
      if (cached != null) {
        tally.add(cached);
      } else {
        onEvent(event);
      }
    }
    tally.flush();
  }

  private void onStatusChanged(StatusChanged change) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    // The labels are four enums: an array slot per combination holds its counter, so the hot path
    // builds no key string and hashes nothing. Only admitted combinations are kept there (the
    // transitions' series cap never forgets one); a folded event takes the slow path and is counted
    // as a fold every time.
    int slot = slot(change);
    Counter cached = transitionSlots.get(slot);
    if (cached != null) {
      cached.increment();
      return;
    }
    String[] values = {
      change.source().label(),
      change.from() == null ? LabelFolding.NONE : change.from().label(),
      change.to().label(),
      LabelFolding.platform(change.dimensions().platform())
    };
    String[] labels = folding.admit(MetricNames.PROM_STATUS_TRANSITIONS, values, 1);
    Counter counter = transition(r, labels);
    if (labels == values) {
      transitionSlots.compareAndSet(slot, null, counter);
    }
    counter.increment();
  }

  /** The slot of a transition's labels: source x (from or none) x to x (platform or none). */
  private static int slot(StatusChanged change) {
    int from = change.from() == null ? 0 : change.from().ordinal() + 1;
    Platform p = change.dimensions().platform();
    int platform = p == null ? 0 : p.ordinal() + 1;
    return ((change.source().ordinal() * (STATUSES + 1) + from) * STATUSES + change.to().ordinal())
            * (PLATFORMS + 1)
        + platform;
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
