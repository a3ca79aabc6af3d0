package dev.nexconn.exporter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: {@code burst} batches at once, then {@code ratePerSecond}. The map
 * holds one small bucket per configured key, so it is bounded by the keys file.
 *
 * <pre>{@code
 * Duration wait = limiter.tryAcquire("key-1a2b3c4d"); // Duration.ZERO when allowed
 * }</pre>
 */
public final class RateLimiter {
  private final double ratePerSecond;
  private final double burst;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double ratePerSecond, int burst, Clock clock) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /**
   * Takes one batch from {@code key}'s bucket. Returns {@link Duration#ZERO} when allowed,
   * otherwise how long until the next batch would be allowed.
   */
  public Duration tryAcquire(String key) {
    long nowNanos = clock.millis() * 1_000_000L;
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
    synchronized (b) {
      double elapsed = Math.max(0, nowNanos - b.lastNanos) / 1e9;
      b.tokens = Math.min(burst, b.tokens + elapsed * ratePerSecond);
      b.lastNanos = nowNanos;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return Duration.ZERO;
      }
      double seconds = (1 - b.tokens) / ratePerSecond;
      return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
    }
  }

  private static final class Bucket {
    double tokens;
    long lastNanos;

    Bucket(double tokens, long lastNanos) {
      this.tokens = tokens;
      this.lastNanos = lastNanos;
    }
  }
}
