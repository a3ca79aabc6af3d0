package dev.nexconn.exporter.config;

import java.time.Duration;

/**
 * Probe heartbeat (keys {@code heartbeatIntervalSeconds} and {@code heartbeatTimeoutSeconds} of
 * {@code probes.groups[i]}): a connected probe pings after {@code interval} and is {@code
 * suspend}ed (then reconnects) when no pong arrives within {@code timeout}.
 *
 * @param interval time between pings
 * @param timeout how long a ping may go unanswered
 */
public record HeartbeatConfig(Duration interval, Duration timeout) {
  /** 15 s interval, 6 s timeout. */
  public static final HeartbeatConfig DEFAULT =
      new HeartbeatConfig(Duration.ofSeconds(15), Duration.ofSeconds(6));

  /** Reads the flat keys of a probe group node. */
  static HeartbeatConfig from(ConfigNode group) {
    double interval = group.decimal("heartbeatIntervalSeconds", 15, 0.01, 3600);
    double timeout = group.decimal("heartbeatTimeoutSeconds", 6, 0.01, 3600);
    return new HeartbeatConfig(millis(interval), millis(timeout));
  }

  private static Duration millis(double seconds) {
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }
}
