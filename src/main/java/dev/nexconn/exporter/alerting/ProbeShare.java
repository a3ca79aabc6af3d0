package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.StatusChanged;
import java.util.HashMap;
import java.util.Map;

/**
 * The share of probe connections whose latest status is not {@code connected}, kept from the event
 * stream alone (alerting never asks the engine). Not thread-safe: the detector guards it.
 */
final class ProbeShare {
  private final Map<String, ConnectionStatus> latest = new HashMap<>();
  private int notConnected;

  /** Applies a probe status change; returns true when the event was one. */
  boolean apply(ConnectionEvent event) {
    if (!isProbeStatus(event)) {
      return false;
    }
    StatusChanged change = (StatusChanged) event;
    ConnectionStatus before = latest.put(change.connectionId(), change.to());
    if (before != null && before != ConnectionStatus.CONNECTED) {
      notConnected--;
    }
    if (change.to() != ConnectionStatus.CONNECTED) {
      notConnected++;
    }
    return true;
  }

  /** True for the events {@link #apply} takes: a probe connection's status change. */
  static boolean isProbeStatus(ConnectionEvent event) {
    return event instanceof StatusChanged change
        && change.source() == EventSource.PROBE
        && !change.connectionId().isEmpty();
  }

  /** Not-connected probes over all probes seen, 0 when there are none. */
  double value() {
    return latest.isEmpty() ? 0 : (double) notConnected / latest.size();
  }
}
