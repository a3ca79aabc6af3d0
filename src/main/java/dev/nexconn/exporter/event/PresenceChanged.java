package dev.nexconn.exporter.event;

import java.time.Instant;

/**
 * The Nexconn server reported a user's presence ({@code user:connection_status}).
 *
 * @param presence connected, disconnected or logged out
 */
public record PresenceChanged(
    EventSource source, Instant at, Dimensions dimensions, Presence presence)
    implements ConnectionEvent {

  /** Presence values of the webhook's {@code status} field. */
  public enum Presence {
    CONNECTED("0"),
    DISCONNECTED("1"),
    LOGGED_OUT("2");

    private final String wireCode;

    Presence(String wireCode) {
      this.wireCode = wireCode;
    }

    /** The webhook's string code: "0", "1" or "2". */
    public String wireCode() {
      return wireCode;
    }

    /** The metric label value, e.g. {@code logged_out}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
