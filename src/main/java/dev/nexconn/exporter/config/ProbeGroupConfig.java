package dev.nexconn.exporter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of probe connections sharing one token provider and connect parameters ({@code
 * probes.groups[i]}; every key is listed in {@code docs/engine.md}).
 *
 * @param name group name (used in logs, never as a metric label)
 * @param userIds the probe user ids, explicit or generated from {@code count} and {@code idPrefix}
 * @param token how the group gets tokens
 * @param timeout the SDK's {@code timeout}: zero or negative retries forever
 * @param reconnectKickEnable the SDK's {@code reconnectKickEnable}
 * @param heartbeat ping interval and pong timeout
 * @param reconnect the reconnect schedule and jitter
 * @param tokenRefresh the token-refresh loop guard
 * @param database the local per-user databases
 * @param messages the message round-trip probes ({@link MessagesConfig#OFF} when absent)
 */
public record ProbeGroupConfig(
    String name,
    List<String> userIds,
    TokenConfig token,
    Duration timeout,
    boolean reconnectKickEnable,
    HeartbeatConfig heartbeat,
    ReconnectConfig reconnect,
    TokenRefreshConfig tokenRefresh,
    DatabaseConfig database,
    MessagesConfig messages) {

  public ProbeGroupConfig {
    userIds = List.copyOf(userIds);
  }

  /** How often a connected probe pings. */
  public Duration heartbeatInterval() {
    return heartbeat.interval();
  }

  /** How long a ping may go unanswered. */
  public Duration heartbeatTimeout() {
    return heartbeat.timeout();
  }

  static ProbeGroupConfig from(ConfigNode n) {
    n.requireOnly(
        "name",
        "users",
        "count",
        "idPrefix",
        "token",
        "timeout",
        "timeoutSeconds",
        "reconnectKickEnable",
        "heartbeatInterval",
        "heartbeatIntervalSeconds",
        "heartbeatTimeout",
        "heartbeatTimeoutSeconds",
        "reconnect",
        "tokenRefresh",
        "database",
        "messages");
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
    TokenConfig token = TokenConfig.from(n.child("token"));
    return new ProbeGroupConfig(
        name,
        users,
        token,
        // The alias keeps its old range: a negative number of seconds means "no timeout" too.
        n.has("timeoutSeconds") && !n.has("timeout")
            ? DurationText.seconds(
                n,
                "timeoutSeconds",
                false,
                Duration.ofSeconds(Integer.MIN_VALUE),
                Duration.ofDays(1))
            : DurationText.readOrSeconds(
                n,
                "timeout",
                "timeoutSeconds",
                false,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofDays(1)),
        n.bool("reconnectKickEnable", false),
        HeartbeatConfig.from(n),
        ReconnectConfig.from(n.child("reconnect")),
        n.has("tokenRefresh")
            ? TokenRefreshConfig.from(n.child("tokenRefresh"))
            : TokenRefreshConfig.DEFAULT,
        n.has("database") ? DatabaseConfig.from(n.child("database")) : DatabaseConfig.DEFAULT,
        n.has("messages")
            ? MessagesConfig.from(n.child("messages"), users.size(), token)
            : MessagesConfig.OFF);
  }
}
