package dev.nexconn.exporter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Remembers the response of each batch id for a bounded time, count and size, so that a retried
 * batch is answered again without being counted twice. The oldest ids are forgotten first, when
 * they expire or when the window is full (in entries or in estimated bytes). A {@link Listener}
 * sees every remembered id before {@link #remember} returns: {@link WindowJournal} writes it ahead
 * to the data volume, so the window survives a restart.
 *
 * @param <V> what is remembered per batch (the original response)
 */
public final class BatchWindow<V> {
  /** Bytes of bookkeeping per entry besides its id and value (map node, entry, strings). */
  static final long ENTRY_OVERHEAD_BYTES = 160;

  /** Sees each id as it is remembered (under the window's lock, so in order). */
  @FunctionalInterface
  interface Listener<V> {
    void remembered(String id, Instant expires, V value);
  }

  /** One remembered id. */
  record Saved<V>(String id, Instant expires, V value) {}

  private final Duration window;
  private final int maxEntries;
  private final long maxBytes;
  private final ToLongFunction<V> valueBytes;
  private final Clock clock;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();
  private Listener<V> listener = (id, expires, value) -> {};
  private long bytes;

  private record Entry<V>(Instant expires, V value, long bytes) {}

  public BatchWindow(Duration window, int maxEntries, Clock clock) {
    this(window, maxEntries, Long.MAX_VALUE, v -> 0, clock);
  }

  /**
   * A window bounded by {@code maxEntries} ids and {@code maxBytes} estimated bytes ({@code
   * valueBytes} estimates one value).
   */
  public BatchWindow(
      Duration window, int maxEntries, long maxBytes, ToLongFunction<V> valueBytes, Clock clock) {
    this.window = window;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.valueBytes = valueBytes;
    this.clock = clock;
  }

  synchronized void listener(Listener<V> l) {
    this.listener = l;
  }

  /** The remembered value of {@code id}, if it was seen within the window. */
  public synchronized Optional<V> lookup(String id) {
    evict(clock.instant());
    Entry<V> e = entries.get(id);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  /** Remembers {@code value} for {@code id} for the window's duration. */
  public synchronized void remember(String id, V value) {
    Instant now = clock.instant();
    Instant expires = now.plus(window);
    listener.remembered(id, expires, value);
    restore(id, expires, value, now);
  }

  /** Puts back an id saved before a restart (expired ones are dropped). */
  synchronized void restore(String id, Instant expires, V value, Instant now) {
    evict(now);
    if (!expires.isAfter(now)) {
      return;
    }
    Entry<V> old = entries.remove(id);
    if (old != null) {
      bytes -= old.bytes();
    }
    long size = ENTRY_OVERHEAD_BYTES + 2L * id.length() + valueBytes.applyAsLong(value);
    entries.put(id, new Entry<>(expires, value, size));
    bytes += size;
    Iterator<Entry<V>> oldest = entries.values().iterator();
    while (entries.size() > maxEntries || (bytes > maxBytes && entries.size() > 1)) {
      bytes -= oldest.next().bytes();
      oldest.remove();
    }
  }

  /** The live ids, oldest first. */
  synchronized List<Saved<V>> snapshot() {
    evict(clock.instant());
    List<Saved<V>> out = new ArrayList<>(entries.size());
    entries.forEach((id, e) -> out.add(new Saved<>(id, e.expires(), e.value())));
    return out;
  }

  /** How many batch ids are remembered now. */
  public synchronized int size() {
    return entries.size();
  }

  /** The estimated bytes the remembered ids hold now. */
  public synchronized long bytes() {
    return bytes;
  }

  private void evict(Instant now) {
    Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry<V> e = it.next().getValue();
      if (e.expires().isAfter(now)) {
        return;
      }
      bytes -= e.bytes();
      it.remove();
    }
  }
}
