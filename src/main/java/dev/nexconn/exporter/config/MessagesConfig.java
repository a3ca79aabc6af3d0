package dev.nexconn.exporter.config;

import java.time.Duration;

/**
 * Message round-trip probes of a probe group ({@code probes.groups[i].messages}): pairs of the
 * group's probes send each other a message every {@code interval}; one not delivered within {@code
 * deadline} counts as lost.
 *
 * @param enabled false when the section is absent
 * @param pairs how many pairs probe; 0 pairs every two probes of the group
 * @param interval time between two messages of one direction
 * @param deadline how long a message may take before it counts as lost
 * @param serverApi also send one message per interval through the Server API (not in this build:
 *     refused with a clear error)
 */
public record MessagesConfig(
    boolean enabled, int pairs, Duration interval, Duration deadline, boolean serverApi) {
  /** No message probes. */
  public static final MessagesConfig OFF =
      new MessagesConfig(false, 0, Duration.ofSeconds(10), Duration.ofSeconds(5), false);

  static MessagesConfig from(ConfigNode n, int probes) {
    n.requireOnly("pairs", "interval", "deadline", "serverApi");
    int pairs = (int) n.integer("pairs", 0, 1, 10_000);
    if (pairs * 2L > probes) {
      throw new ConfigException(
          n.pathOf("pairs"),
          pairs
              + " pairs need "
              + pairs * 2
              + " probes but the group has "
              + probes
              + ": lower pairs or add users");
    }
    if (probes < 2) {
      throw new ConfigException(
          n.path(), "message probes need at least two probes in the group (users or count)");
    }
    Duration interval =
        DurationText.read(
            n, "interval", OFF.interval(), Duration.ofMillis(100), Duration.ofHours(1));
    Duration deadline =
        DurationText.read(
            n, "deadline", OFF.deadline(), Duration.ofMillis(50), Duration.ofMinutes(10));
    boolean serverApi = n.bool("serverApi", false);
    if (serverApi) {
      throw new ConfigException(
          n.pathOf("serverApi"),
          "sending probe messages through the Server API is not supported by this build yet:"
              + " set serverApi: false (path=\"server_api\" stays at zero)");
    }
    return new MessagesConfig(true, pairs, interval, deadline, false);
  }
}
