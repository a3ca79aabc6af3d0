package dev.nexconn.exporter.alerting;

import java.util.Locale;

/**
 * Where an alert is in its lifecycle: {@code inactive -> pending -> firing -> resolved}. A pending
 * alert whose condition clears goes back to inactive; a resolved alert stays resolved (and is still
 * re-sent to Alertmanager) for the configured retention, then becomes inactive.
 */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING,
  RESOLVED;

  /** The {@code state} label value, e.g. {@code firing}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
