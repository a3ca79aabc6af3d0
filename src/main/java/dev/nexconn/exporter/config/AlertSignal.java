package dev.nexconn.exporter.config;

/**
 * What an alert rule measures. Counting signals sum matching events per window; {@link
 * #PROBES_DOWN} is a share between 0 and 1 sampled from the probe connections' statuses.
 */
public enum AlertSignal {
  /** Transitions to {@code disconn_exception}: the account was banned. */
  BAN(true),
  /** Transitions to {@code kicked_offline_by_other_client}. */
  KICK(true),
  /** Transitions to {@code token_incorrect} plus token failures (incorrect or expired). */
  TOKEN_EXPIRY(true),
  /** Local databases opened with {@code recreated=true}. */
  DATABASE_RECREATE(true),
  /** Transitions to {@code user_abandon}: the account was deactivated. */
  USER_ABANDON(true),
  /** Share of probe connections whose status is not {@code connected}. */
  PROBES_DOWN(false);

  private final boolean counting;

  AlertSignal(boolean counting) {
    this.counting = counting;
  }

  /** True for event counts over the window, false for a sampled share. */
  public boolean counting() {
    return counting;
  }
}
