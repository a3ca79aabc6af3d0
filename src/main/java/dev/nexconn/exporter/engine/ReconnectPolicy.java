package dev.nexconn.exporter.engine;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How long to wait before reconnect attempt {@code n}. By default the SDK's own schedule (0.05,
 * 0.25, 0.5, 1, 2, 4, 8, 16, 32 s, then every 64 s) with full jitter: the wait is drawn uniformly
 * from {@code [0, schedule(n)]}, so that probes dropped together do not come back together. A pure
 * function: the random source is passed in.
 *
 * <pre>{@code
 * ReconnectPolicy p = ReconnectPolicy.sdkDefault(true);
 * Duration wait = p.delay(3, random);   // uniform in [0, 500 ms]
 * }</pre>
 */
public final class ReconnectPolicy {
  /** The SDK's schedule; attempts past its end repeat the last step. */
  public static final List<Duration> SDK_SCHEDULE =
      List.of(
          Duration.ofMillis(50),
          Duration.ofMillis(250),
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(4),
          Duration.ofSeconds(8),
          Duration.ofSeconds(16),
          Duration.ofSeconds(32),
          Duration.ofSeconds(64));

  private final List<Duration> schedule;
  private final boolean jitter;

  public ReconnectPolicy(List<Duration> schedule, boolean jitter) {
    if (schedule.isEmpty()) {
      throw new IllegalArgumentException("schedule must have at least one step");
    }
    this.schedule = List.copyOf(schedule);
    this.jitter = jitter;
  }

  /** The SDK schedule, with or without full jitter. */
  public static ReconnectPolicy sdkDefault(boolean jitter) {
    return new ReconnectPolicy(SDK_SCHEDULE, jitter);
  }

  /** The un-jittered step for attempt {@code n} (1-based). */
  public Duration step(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
    }
    return schedule.get(Math.min(attempt, schedule.size()) - 1);
  }

  /** The wait before attempt {@code n} (1-based). */
  public Duration delay(int attempt, RandomGenerator random) {
    Duration step = step(attempt);
    if (!jitter) {
      return step;
    }
    long nanos = step.toNanos();
    return Duration.ofNanos(random.nextLong(nanos + 1));
  }

  /** Whether full jitter is applied. */
  public boolean jitter() {
    return jitter;
  }
}
