package dev.nexconn.exporter.event;

import java.util.Locale;
import java.util.Optional;

/**
 * The connection statuses of the Nexconn client SDK, with the numeric codes of the seed contract
 * ({@code NCConnectionStatus} raw values). The metric label of a status is its lower-case name, for
 * example {@code kicked_offline_by_other_client}.
 *
 * <p>{@link #retries()} says whether the SDK keeps trying to connect after entering the status;
 * terminal statuses stop the automatic reconnect until the application acts.
 */
public enum ConnectionStatus {
  UNKNOWN(-1, true),
  CONNECTED(0, false),
  NETWORK_UNAVAILABLE(1, true),
  KICKED_OFFLINE_BY_OTHER_CLIENT(6, false),
  CONNECTING(10, true),
  UNCONNECTED(11, false),
  SIGN_OUT(12, false),
  SUSPEND(13, true),
  TIMEOUT(14, false),
  TOKEN_INCORRECT(15, false),
  DISCONN_EXCEPTION(16, false),
  PROXY_UNAVAILABLE(17, false),
  USER_ABANDON(19, false);

  private final int code;
  private final boolean retries;
  private final String label;

  ConnectionStatus(int code, boolean retries) {
    this.code = code;
    this.retries = retries;
    this.label = name().toLowerCase(Locale.ROOT);
  }

  /** The seed's numeric code ({@code rawValue}). */
  public int code() {
    return code;
  }

  /** The metric label value and API name, e.g. {@code token_incorrect}. */
  public String label() {
    return label;
  }

  /** True when the SDK reconnects by itself after this status. */
  public boolean retries() {
    return retries;
  }

  /** values() clones its array on every call; lookups run per reported event. */
  private static final ConnectionStatus[] VALUES = values();

  /** The status with the seed's numeric code, if any. */
  public static Optional<ConnectionStatus> fromCode(int code) {
    for (ConnectionStatus s : VALUES) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The status with this label or enum name, case-insensitive ({@code "connected"}, {@code
   * "CONNECTED"}), if any.
   */
  public static Optional<ConnectionStatus> fromLabel(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String normalized = label.trim().toLowerCase(Locale.ROOT);
    for (ConnectionStatus s : VALUES) {
      if (s.label.equals(normalized)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
