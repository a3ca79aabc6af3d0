package dev.nexconn.exporter.http;

import dev.nexconn.exporter.event.ConnectAttemptTraced;
import dev.nexconn.exporter.event.ConnectFailureReason;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live state of every probe connection, rebuilt from the event stream, behind {@code GET
 * /api/v1/connections}. It holds no token.
 */
public final class ConnectionBoard {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * One probe connection as the API shows it; {@code lastErrorCode} is the error code of the last
   * status change (0: none), so a probe stuck in {@code suspend} shows why, and {@code lastFailure}
   * the phase and reason of its last failed connect attempt ({@code null}: none), so a {@code
   * network_unavailable} probe shows where the connect stops.
   */
  public record Entry(
      String id,
      String userId,
      ConnectionStatus status,
      Instant since,
      int reconnects,
      int lastErrorCode,
      ConnectFailureReason lastFailure) {

    Entry withReconnect() {
      return new Entry(id, userId, status, since, reconnects + 1, lastErrorCode, lastFailure);
    }

    Entry withFailure(ConnectFailureReason failure) {
      return new Entry(id, userId, status, since, reconnects, lastErrorCode, failure);
    }
  }

  /** The event sink: subscribe it to the event bus. */
  public void onEvent(ConnectionEvent event) {
    if (event.source() != EventSource.PROBE) {
      return;
    }
    if (event instanceof StatusChanged c) {
      entries.compute(
          c.connectionId(),
          (id, old) ->
              new Entry(
                  id,
                  c.userId(),
                  c.to(),
                  c.at(),
                  old == null ? 0 : old.reconnects(),
                  c.errorCode(),
                  old == null ? null : old.lastFailure()));
    } else if (event instanceof ReconnectAttempt a) {
      entries.computeIfPresent(a.connectionId(), (id, old) -> old.withReconnect());
    } else if (event instanceof ConnectAttemptTraced t && t.failure() != null) {
      entries.computeIfPresent(t.connectionId(), (id, old) -> old.withFailure(t.failure()));
    }
  }

  /** All probe connections, sorted by id. */
  public List<Entry> entries() {
    List<Entry> list = new ArrayList<>(entries.values());
    list.sort(Comparator.comparing(Entry::id));
    return list;
  }
}
