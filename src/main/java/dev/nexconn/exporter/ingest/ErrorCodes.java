package dev.nexconn.exporter.ingest;

import dev.nexconn.exporter.event.ConnectionStatus;
import java.util.Map;
import java.util.Optional;

/**
 * What a Nexconn connection error code ({@code RCErrorCode}, the same on every platform) says about
 * the connection. The pairing of codes with statuses follows {@code docs/ingest.md}: the SDK
 * reports for example {@code unconnected} with {@code 31010}, which is a kick.
 */
public final class ErrorCodes {
  /** Token invalid: wrong App Key, or expired. */
  public static final int TOKEN_INCORRECT = 31004;

  /** Connect refused because the user is banned. */
  public static final int REFUSED_BANNED = 31009;

  /** Kicked: the user logged in on another device. */
  public static final int KICKED = 31010;

  /** Banned while connected. */
  public static final int BANNED_WHILE_CONNECTED = 31011;

  /** Token expired. */
  public static final int TOKEN_EXPIRED = 31020;

  /** User deactivated (soft-deleted). */
  public static final int USER_DEACTIVATED = 31029;

  /** Connect timed out ({@code timeout > 0} elapsed). */
  public static final int CONNECT_TIMEOUT = 34006;

  private static final Map<Integer, ConnectionStatus> STATUS =
      Map.of(
          TOKEN_INCORRECT, ConnectionStatus.TOKEN_INCORRECT,
          TOKEN_EXPIRED, ConnectionStatus.TOKEN_INCORRECT,
          KICKED, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT,
          BANNED_WHILE_CONNECTED, ConnectionStatus.DISCONN_EXCEPTION,
          REFUSED_BANNED, ConnectionStatus.DISCONN_EXCEPTION,
          USER_DEACTIVATED, ConnectionStatus.USER_ABANDON,
          CONNECT_TIMEOUT, ConnectionStatus.TIMEOUT);

  private ErrorCodes() {}

  /** The status an error code implies, if it implies one. */
  public static Optional<ConnectionStatus> status(int errorCode) {
    return Optional.ofNullable(STATUS.get(errorCode));
  }

  /**
   * The {@code nexconn_token_failures_total} reason for a status report: {@code expired} for 31020,
   * {@code incorrect} for any other report that ends in {@code token_incorrect}.
   */
  public static Optional<String> tokenFailureReason(ConnectionStatus status, int errorCode) {
    if (errorCode == TOKEN_EXPIRED) {
      return Optional.of("expired");
    }
    if (status == ConnectionStatus.TOKEN_INCORRECT) {
      return Optional.of("incorrect");
    }
    return Optional.empty();
  }
}
