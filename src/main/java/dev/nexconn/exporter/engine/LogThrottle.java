package dev.nexconn.exporter.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * At most one log line per key and {@code interval}: {@link #admit} says whether a line may be
 * written now, with the occurrences held back since the previous line and the total. The state is
 * one small array per key, so keys must come from a bounded set (a reason, a group and problem),
 * never from a probe. {@link RejectedFrameLog} keys it by reject reason, {@link ProbeProblemLog} by
 * group, problem and status.
 */
final class LogThrottle<K> {
  /** A line that may be written: occurrences held back since the previous line, and the total. */
  record Pass(long suppressed, long total) {}

  private final Clock clock;
  private final long intervalMillis;

  /** Per key: [0] when the last line was written, [1] held back since, [2] total. */
  private final Map<K, long[]> seen;

  LogThrottle(Clock clock, Duration interval, Map<K, long[]> emptyMap) {
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
    this.seen = emptyMap;
  }

  /** Counts one occurrence of {@code key}; a {@link Pass} when a line may be written, else null. */
  Pass admit(K key) {
    long now = clock.millis();
    synchronized (seen) {
      long[] state = seen.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE, 0, 0});
      long total = ++state[2];
      if (state[0] != Long.MIN_VALUE && now - state[0] < intervalMillis) {
        state[1]++;
        return null;
      }
      long suppressed = state[1];
      state[0] = now;
      state[1] = 0;
      return new Pass(suppressed, total);
    }
  }

  /** A sink that writes a line's key-value pairs, in order, as one WARN of {@code log}. */
  static Consumer<Map<String, Object>> warnTo(Logger log) {
    return line -> {
      LoggingEventBuilder b = log.atWarn();
      line.forEach(b::addKeyValue);
      b.log();
    };
  }
}
