package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionStatus;
import java.time.Clock;

/**
 * How many probe connections are in each status, and the probe-seconds they spent there, changed
 * under one lock so that a snapshot always sums to the number of probes and the SLI counters agree
 * with each other to the millisecond.
 *
 * <p>Probe-seconds: every probe that has a status counts towards the total, except in {@code
 * sign_out} (a deliberate sign-out, e.g. at shutdown, is not unavailability); time in {@code
 * connected} counts as available.
 */
final class ProbeStatusCounts {
  /** A consistent view. */
  record Snapshot(long[] counts, double connectedSeconds, double totalSeconds) {
    long count(ConnectionStatus s) {
      return counts[s.ordinal()];
    }
  }

  private final Clock clock;
  private final long[] counts = new long[ConnectionStatus.values().length];
  private long connectedMillis;
  private long totalMillis;
  private long lastMillis;

  ProbeStatusCounts(Clock clock) {
    this.clock = clock;
    this.lastMillis = clock.millis();
  }

  /** One probe moved from {@code from} (null: a new probe) to {@code to}. */
  synchronized void move(ConnectionStatus from, ConnectionStatus to) {
    accrue();
    if (from != null) {
      counts[from.ordinal()]--;
    }
    counts[to.ordinal()]++;
  }

  synchronized Snapshot snapshot() {
    accrue();
    return new Snapshot(counts.clone(), connectedMillis / 1000.0, totalMillis / 1000.0);
  }

  private void accrue() {
    long now = clock.millis();
    long elapsed = Math.max(0, now - lastMillis);
    lastMillis = Math.max(lastMillis, now);
    if (elapsed == 0) {
      return;
    }
    long counted = 0;
    for (ConnectionStatus s : ConnectionStatus.values()) {
      if (s != ConnectionStatus.SIGN_OUT) {
        counted += counts[s.ordinal()];
      }
    }
    totalMillis += elapsed * counted;
    connectedMillis += elapsed * counts[ConnectionStatus.CONNECTED.ordinal()];
  }
}
