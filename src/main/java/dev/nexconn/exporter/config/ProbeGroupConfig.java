package dev.nexconn.exporter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of probe connections sharing one token provider and connect parameters.
 *
 * @param name group name (used in logs, never as a metric label)
 * @param userIds the probe user ids, explicit or generated from {@code count} and {@code idPrefix}
 * @param token how the group gets tokens
 * @param timeout the SDK's {@code timeout}: zero or negative retries forever
 * @param reconnectKickEnable the SDK's {@code reconnectKickEnable}
 * @param heartbeatInterval how often a connected probe pings
 * @param heartbeatTimeout how long a ping may go unanswered before the probe counts as suspended
 */
public record ProbeGroupConfig(
    String name,
    List<String> userIds,
    TokenConfig token,
    Duration timeout,
    boolean reconnectKickEnable,
    Duration heartbeatInterval,
    Duration heartbeatTimeout) {

  static ProbeGroupConfig from(ConfigNode n) {
    n.requireOnly(
        "name",
        "users",
        "count",
        "idPrefix",
        "token",
        "timeoutSeconds",
        "reconnectKickEnable",
        "heartbeatIntervalSeconds",
        "heartbeatTimeoutSeconds");
    String name = n.string("name", "default");
    List<String> users = n.strings("users");
    if (n.has("users") && n.has("count")) {
      throw new ConfigException(
          n.path(), "set either users (an explicit list) or count with idPrefix, not both");
    }
    if (!n.has("users")) {
      long count = n.integer("count", 0, 1, 19_000);
      if (count == 0) {
        throw new ConfigException(
            n.path(), "set users (a list of user ids) or count (how many probe users, 1-19000)");
      }
      String prefix = n.string("idPrefix", "probe-");
      users = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        users.add(prefix + i);
      }
    } else if (users.isEmpty()) {
      throw new ConfigException(n.pathOf("users"), "must list at least one user id");
    }
    long interval = n.integer("heartbeatIntervalSeconds", 15, 1, 3600);
    long hbTimeout = n.integer("heartbeatTimeoutSeconds", 6, 1, 3600);
    return new ProbeGroupConfig(
        name,
        List.copyOf(users),
        TokenConfig.from(n.child("token")),
        Duration.ofSeconds(n.integer("timeoutSeconds", 0, Integer.MIN_VALUE, 86_400)),
        n.bool("reconnectKickEnable", false),
        Duration.ofSeconds(interval),
        Duration.ofSeconds(hbTimeout));
  }
}
