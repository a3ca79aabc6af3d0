package dev.nexconn.exporter.emulator;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-endpoint request limit in fixed one-second windows, like the Server API's published limits
 * (for example 200 req/s for {@code access-token/issue}). Over the limit the API answers HTTP 429
 * with code 1008.
 */
final class ApiRateLimiter {
  private final Clock clock;
  private final int perSecond;
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();

  ApiRateLimiter(Clock clock, int perSecond) {
    this.clock = clock;
    this.perSecond = perSecond;
  }

  /** True when one more request to {@code endpoint} fits in the current second. */
  boolean tryAcquire(String endpoint) {
    if (perSecond <= 0) {
      return true;
    }
    long second = clock.millis() / 1000;
    long[] window = windows.computeIfAbsent(endpoint, k -> new long[2]);
    synchronized (window) {
      if (window[0] != second) {
        window[0] = second;
        window[1] = 0;
      }
      window[1]++;
      return window[1] <= perSecond;
    }
  }
}
