package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.token.TokenProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the probes of one group share; every connection of the group references the same instance,
 * so a setting costs nothing per connection.
 *
 * @param group the group name (logs and the status board, never a metric label)
 * @param tokens where new tokens come from (first connect without a token, and after {@code
 *     token_incorrect})
 * @param policy the reconnect schedule
 * @param heartbeatInterval how long a connected probe stays quiet before it pings
 * @param heartbeatTimeout how long a ping may go unanswered before the probe counts as suspended
 * @param maxTokenRefreshes token refreshes allowed per {@code tokenRefreshWindow}; when used up the
 *     connection stays in {@code token_incorrect}
 * @param tokenRefreshWindow the window of the refresh guard
 * @param databaseDir where each probe user's local SQLite database lives; {@code null}: none
 */
public record ProbeSettings(
    String group,
    TokenProvider tokens,
    ReconnectPolicy policy,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    int maxTokenRefreshes,
    Duration tokenRefreshWindow,
    Path databaseDir) {

  public ProbeSettings {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(policy, "policy");
    if (heartbeatInterval.isNegative()
        || heartbeatInterval.isZero()
        || heartbeatTimeout.isNegative()
        || heartbeatTimeout.isZero()) {
      throw new IllegalArgumentException("heartbeat interval and timeout must be positive");
    }
    if (maxTokenRefreshes < 0) {
      throw new IllegalArgumentException("maxTokenRefreshes must be >= 0");
    }
  }

  /**
   * Defaults: SDK schedule with jitter, ping after 15 s of quiet with a 6 s timeout, 3 token
   * refreshes per 5 minutes, no database.
   */
  public static ProbeSettings defaults(String group, TokenProvider tokens) {
    return new ProbeSettings(
        group,
        tokens,
        ReconnectPolicy.sdkDefault(true),
        Duration.ofSeconds(15),
        Duration.ofSeconds(6),
        3,
        Duration.ofMinutes(5),
        null);
  }

  /** The same settings with another heartbeat. */
  public ProbeSettings withHeartbeat(Duration interval, Duration timeout) {
    return new ProbeSettings(
        group,
        tokens,
        policy,
        interval,
        timeout,
        maxTokenRefreshes,
        tokenRefreshWindow,
        databaseDir);
  }

  /** The same settings with another reconnect policy. */
  public ProbeSettings withPolicy(ReconnectPolicy p) {
    return new ProbeSettings(
        group,
        tokens,
        p,
        heartbeatInterval,
        heartbeatTimeout,
        maxTokenRefreshes,
        tokenRefreshWindow,
        databaseDir);
  }

  /** The same settings with another token refresh guard. */
  public ProbeSettings withTokenRefreshGuard(int max, Duration window) {
    return new ProbeSettings(
        group, tokens, policy, heartbeatInterval, heartbeatTimeout, max, window, databaseDir);
  }

  /** The same settings with the local databases under {@code dir} ({@code null}: off). */
  public ProbeSettings withDatabase(Path dir) {
    return new ProbeSettings(
        group,
        tokens,
        policy,
        heartbeatInterval,
        heartbeatTimeout,
        maxTokenRefreshes,
        tokenRefreshWindow,
        dir);
  }
}
