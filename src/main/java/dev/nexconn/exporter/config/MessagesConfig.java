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
 * @param serverApi also send one message per pair and interval through the Server API (needs a
 *     {@code server-api} token block)
 */
public record MessagesConfig(
    boolean enabled, int pairs, Duration interval, Duration deadline, boolean serverApi) {
  /** No message probes. */
  public static final MessagesConfig OFF =
      new MessagesConfig(false, 0, Duration.ofSeconds(10), Duration.ofSeconds(5), false);

  static MessagesConfig from(ConfigNode n, int probes, TokenConfig token) {
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
    if (serverApi && token.kind() != TokenConfig.Kind.SERVER_API) {
      throw new ConfigException(
          n.pathOf("serverApi"),
          "needs the group's token.type to be server-api (its url, appKey and App Secret sign"
              + " the message call): set serverApi: false or use a server-api token block");
    }
    return new MessagesConfig(true, pairs, interval, deadline, serverApi);
  }
}
