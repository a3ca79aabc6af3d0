package dev.nexconn.exporter.metrics;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One consistent view of live state per scrape. A scrape reads each gauge of a family one after the
 * other; a transition between two of those reads would make them disagree (996 to 1,002 of 1,000
 * probes during a reconnect storm). Inside {@link #during}, the first read of a state holder takes
 * its snapshot and every later read of that scrape, on that thread, gets the same one. Outside a
 * scrape (a unit test reading a meter) every read takes a fresh snapshot.
 *
 * <pre>{@code
 * String exposition = ScrapeSnapshots.during(() -> registry.scrape());
 * }</pre>
 */
public final class ScrapeSnapshots {
  private static final ThreadLocal<Map<Object, Object>> CURRENT = new ThreadLocal<>();

  private ScrapeSnapshots() {}

  /** Runs a scrape with one snapshot per state holder; nested calls join the outer one. */
  public static <T> T during(Supplier<T> scrape) {
    if (CURRENT.get() != null) {
      return scrape.get();
    }
    CURRENT.set(new IdentityHashMap<>());
    try {
      return scrape.get();
    } finally {
      CURRENT.remove();
    }
  }

  /** The snapshot of {@code owner} for the running scrape, taken by {@code take} on first use. */
  @SuppressWarnings("unchecked")
  static <S> S of(Object owner, Supplier<S> take) {
    Map<Object, Object> scrape = CURRENT.get();
    if (scrape == null) {
      return take.get();
    }
    return (S) scrape.computeIfAbsent(owner, k -> take.get());
  }
}
