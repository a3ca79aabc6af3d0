package dev.nexconn.exporter.metrics;

import io.micrometer.core.instrument.Counter;

/**
 * Increments gathered over one batch and added once per counter. A batch of 100 SDK reports touches
 * a handful of counters; one add per counter costs less than one per event (each add is a striped
 * atomic update that every event loop shares). Holds up to 8 counters, adding what it has when a
 * ninth arrives; {@link #flush} adds the rest. Not thread-safe: one per batch.
 */
final class BatchTally {
  private static final int SIZE = 8;
  private final Counter[] counters = new Counter[SIZE];
  private final long[] counts = new long[SIZE];
  private int size;

  /** One more increment of {@code counter}. */
  void add(Counter counter) {
    for (int i = 0; i < size; i++) {
      if (counters[i] == counter) {
        counts[i]++;
        return;
      }
    }
    if (size == SIZE) {
      flush();
    }
    counters[size] = counter;
    counts[size] = 1;
    size++;
  }

  /** Adds every gathered count to its counter. */
  void flush() {
    for (int i = 0; i < size; i++) {
      counters[i].increment(counts[i]);
      counters[i] = null;
    }
    size = 0;
  }
}
