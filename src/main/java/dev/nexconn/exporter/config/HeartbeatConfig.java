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
    Duration min = Duration.ofMillis(10);
    Duration max = Duration.ofHours(1);
    return new HeartbeatConfig(
        DurationText.readOrSeconds(
            group,
            "heartbeatInterval",
            "heartbeatIntervalSeconds",
            true,
            DEFAULT.interval(),
            min,
            max),
        DurationText.readOrSeconds(
            group,
            "heartbeatTimeout",
            "heartbeatTimeoutSeconds",
            true,
            DEFAULT.timeout(),
            min,
            max));
  }
}
