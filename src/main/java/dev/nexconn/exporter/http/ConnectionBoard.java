package dev.nexconn.exporter.http;

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
   * status change (0: none), so a probe stuck in {@code suspend} shows why.
   */
  public record Entry(
      String id,
      String userId,
      ConnectionStatus status,
      Instant since,
      int reconnects,
      int lastErrorCode) {}

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
                  c.errorCode()));
    } else if (event instanceof ReconnectAttempt a) {
      entries.computeIfPresent(
          a.connectionId(),
          (id, old) ->
              new Entry(
                  id,
                  old.userId(),
                  old.status(),
                  old.since(),
                  old.reconnects() + 1,
                  old.lastErrorCode()));
    }
  }

  /** All probe connections, sorted by id. */
  public List<Entry> entries() {
    List<Entry> list = new ArrayList<>(entries.values());
    list.sort(Comparator.comparing(Entry::id));
    return list;
  }
}
