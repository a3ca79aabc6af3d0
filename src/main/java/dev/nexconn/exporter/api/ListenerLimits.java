package dev.nexconn.exporter.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What one HTTP listener allows a client: how long it may take to send a request's headers and its
 * body, how long a kept-alive connection may sit idle between requests, and how many connections
 * may be open at once. Applied by {@link ListenerGuard}; the sidecar reads them from {@code http.*}
 * ({@code docs/deploy.md}, "Listener limits"), the emulator uses {@link #EMULATOR_PUBLIC} and
 * {@link #EMULATOR_ADMIN} unless a test passes its own.
 *
 * <pre>{@code
 * ListenerLimits limits = new ListenerLimits(Duration.ofSeconds(10), Duration.ofSeconds(30),
 *     Duration.ofSeconds(60), 256);
 * }</pre>
 *
 * @param headerTimeout from accept to the end of the first request's headers (slowloris)
 * @param bodyTimeout from the end of a request's headers to the end of its body
 * @param idleTimeout from the end of a response to the end of the next request's headers
 * @param maxConnections open connections at once; one more is closed at accept and counted
 */
public record ListenerLimits(
    Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {

  /** The sidecar's defaults. */
  public static final ListenerLimits DEFAULT =
      new ListenerLimits(
          Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 256);

  /**
   * The emulator's public port: it holds every probe's WebSocket (up to 19,000 per sidecar), so its
   * cap is above that; upgraded WebSockets are exempt from the HTTP timeouts.
   */
  public static final ListenerLimits EMULATOR_PUBLIC =
      new ListenerLimits(
          Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 25_000);

  /** The emulator's admin API: a handful of test drivers. */
  public static final ListenerLimits EMULATOR_ADMIN =
      new ListenerLimits(
          Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 64);

  public ListenerLimits {
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (headerTimeout.toMillis() < 1 || bodyTimeout.toMillis() < 1 || idleTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("listener timeouts must be at least 1 ms");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
  }

  /** How often a connection's deadlines are checked: a quarter of the shortest, 20 ms .. 1 s. */
  long tickMillis() {
    long shortest =
        Math.min(
            headerTimeout.toMillis(), Math.min(bodyTimeout.toMillis(), idleTimeout.toMillis()));
    return Math.max(20, Math.min(1000, shortest / 4));
  }
}
