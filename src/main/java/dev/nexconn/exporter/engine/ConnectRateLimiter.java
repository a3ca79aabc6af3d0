package dev.nexconn.exporter.engine;

/**
 * A token bucket shared by every probe of an engine: at most {@code burst} connects at once and
 * {@code perSecond} on average, so a fleet dropped together does not stampede the upstream when it
 * comes back. Instead of refusing, it hands out the earliest time a connect may start; callers park
 * until then. Time is passed in, so it is tested with plain numbers.
 *
 * <p>A parked caller may wake late (a busy event loop, a coarse timer), and late wakers from one
 * window would then start together with the punctual ones of the next. So the cap is enforced a
 * second time where a connect really starts: {@link #tryStart} takes a token from a second bucket
 * of the same rate and burst, filled by the clock, and a caller refused there parks again until
 * {@link #nextStartAt}. In any interval of length T at most {@code burst + perSecond * T} connects
 * start, however late the wakers are; the first bucket only spreads the wake-ups so that the second
 * rarely refuses.
 *
 * <pre>{@code
 * ConnectRateLimiter cap = new ConnectRateLimiter(100, 20);
 * long startAt = cap.admitAt(clock.millis());   // == now while tokens are left
 * // ... at startAt or later:
 * if (cap.tryStart(clock.millis())) {
 *   // connect now
 * } else {
 *   long retryAt = cap.nextStartAt(clock.millis());   // park again
 * }
 * }</pre>
 */
public final class ConnectRateLimiter {
  private final double perMilli;
  private final double burst;
  private double tokens;
  private long last = Long.MIN_VALUE;
  private double startTokens;
  private long startLast = Long.MIN_VALUE;

  /**
   * @param perSecond average connects per second, at least 0.001
   * @param burst connects allowed at once, at least 1
   */
  public ConnectRateLimiter(double perSecond, int burst) {
    if (!(perSecond >= 0.001) || burst < 1) {
      throw new IllegalArgumentException(
          "perSecond must be >= 0.001 and burst >= 1, got " + perSecond + " and " + burst);
    }
    this.perMilli = perSecond / 1000.0;
    this.burst = burst;
    this.tokens = burst;
    this.startTokens = burst;
  }

  /** No cap (a bucket too large to empty in practice). */
  public static ConnectRateLimiter unlimited() {
    return new ConnectRateLimiter(1_000_000, 1_000_000);
  }

  /**
   * Takes one token and returns when the connect may start: {@code nowMillis} when a token was
   * left, otherwise the time the bucket will have refilled up to this caller's place in line.
   */
  public synchronized long admitAt(long nowMillis) {
    if (last != Long.MIN_VALUE && nowMillis > last) {
      tokens = Math.min(burst, tokens + (nowMillis - last) * perMilli);
    }
    last = Math.max(last, nowMillis);
    tokens -= 1;
    if (tokens >= 0) {
      return nowMillis;
    }
    return last + (long) Math.ceil(-tokens / perMilli);
  }

  /**
   * Takes a token for a connect that starts at {@code nowMillis}, or returns {@code false} when
   * starting now would exceed the cap; every connect start must pass here.
   */
  public synchronized boolean tryStart(long nowMillis) {
    refillStarts(nowMillis);
    if (startTokens >= 1) {
      startTokens -= 1;
      return true;
    }
    return false;
  }

  /** The earliest time after {@code nowMillis} at which {@link #tryStart} can succeed. */
  public synchronized long nextStartAt(long nowMillis) {
    refillStarts(nowMillis);
    return startLast + Math.max(1, (long) Math.ceil((1 - startTokens) / perMilli));
  }

  private void refillStarts(long nowMillis) {
    if (startLast != Long.MIN_VALUE && nowMillis > startLast) {
      startTokens = Math.min(burst, startTokens + (nowMillis - startLast) * perMilli);
    }
    startLast = Math.max(startLast, nowMillis);
  }
}
