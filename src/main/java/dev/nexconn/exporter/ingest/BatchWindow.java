package dev.nexconn.exporter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the response of each batch id for a bounded time and count, so that a retried batch is
 * answered again without being counted twice. The oldest ids are forgotten first, when they expire
 * or when the window is full.
 *
 * @param <V> what is remembered per batch (the original response)
 */
public final class BatchWindow<V> {
  private final long windowMillis;
  private final int maxEntries;
  private final Clock clock;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();

  /** The expiry as epoch milliseconds: an Instant per remembered batch would double its cost. */
  private record Entry<V>(long expiresMillis, V value) {}

  public BatchWindow(Duration window, int maxEntries, Clock clock) {
    this.windowMillis = window.toMillis();
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** The remembered value of {@code id}, if it was seen within the window. */
  public synchronized Optional<V> lookup(String id) {
    evict(clock.millis());
    Entry<V> e = entries.get(id);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  /** Remembers {@code value} for {@code id} for the window's duration. */
  public synchronized void remember(String id, V value) {
    long now = clock.millis();
    evict(now);
    entries.remove(id);
    entries.put(id, new Entry<>(now + windowMillis, value));
    while (entries.size() > maxEntries) {
      Iterator<String> oldest = entries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** How many batch ids are remembered now. */
  public synchronized int size() {
    return entries.size();
  }

  private void evict(long now) {
    Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().expiresMillis() > now) {
        return;
      }
      it.remove();
    }
  }
}
