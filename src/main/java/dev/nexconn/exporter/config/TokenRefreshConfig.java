package dev.nexconn.exporter.config;

import java.time.Duration;

/**
 * The token-refresh loop guard ({@code probes.groups[i].tokenRefresh}): after {@code
 * token_incorrect} a probe fetches a new token at most {@code maxPerWindow} times per {@code
 * window}; then it stays in {@code token_incorrect} until the window ends.
 *
 * @param maxPerWindow refreshes allowed per window (0 turns refreshing off)
 * @param window the guard window
 */
public record TokenRefreshConfig(int maxPerWindow, Duration window) {
  /** 3 refreshes per 5 minutes. */
  public static final TokenRefreshConfig DEFAULT = new TokenRefreshConfig(3, Duration.ofMinutes(5));

  static TokenRefreshConfig from(ConfigNode n) {
    n.requireOnly("maxPerWindow", "window", "windowSeconds");
    return new TokenRefreshConfig(
        (int) n.integer("maxPerWindow", 3, 0, 1000),
        DurationText.readOrSeconds(
            n,
            "window",
            "windowSeconds",
            false,
            DEFAULT.window(),
            Duration.ofSeconds(1),
            Duration.ofDays(1)));
  }
}
