package dev.nexconn.exporter.ingest;

import java.util.Locale;

/** Why one reported event was not accepted; the {@code reason} label of rejected events. */
public enum EventRejectReason {
  /** {@code type} is missing or not one of the documented event types. */
  UNKNOWN_TYPE,
  /** {@code status} is not a status of the reporting platform. */
  UNKNOWN_STATUS,
  /** {@code at} is older than the accepted age or too far in the future. */
  OUT_OF_WINDOW,
  /** Any other missing, mistyped, too long or unknown field. */
  INVALID,
  /** The whole batch was rejected, so this event was too. */
  BATCH_REJECTED;

  /** The label value, e.g. {@code unknown_status}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
