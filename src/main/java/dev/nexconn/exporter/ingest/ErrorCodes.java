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

  /** The device has no network ({@code RC_NET_UNAVAILABLE} in the Web SDK's ErrorCode enum). */
  public static final int NET_UNAVAILABLE = 30002;

  /** The network went down ({@code RC_NETWORK_DOWN}, Web SDK 5.7.9+). */
  public static final int NETWORK_DOWN = 30019;

  /** The device id carried in the token is not this device's ({@code RC_CONN_DEVICE_ERROR}). */
  public static final int TOKEN_DEVICE_MISMATCH = 31021;

  /** A one-time token was used a second time ({@code RC_OTP_USED}). */
  public static final int TOKEN_ALREADY_USED = 31027;

  /** The token failed the platform check ({@code RC_PLATFORM_ERROR}). */
  public static final int TOKEN_PLATFORM_MISMATCH = 31028;

  // Every other connection code of the Web SDK's ErrorCode enum (docs/reporters.md lists them
  // all) leaves the reported status as it is: they say why a connect failed, not a new status.
  private static final Map<Integer, ConnectionStatus> STATUS =
      Map.ofEntries(
          Map.entry(TOKEN_INCORRECT, ConnectionStatus.TOKEN_INCORRECT),
          Map.entry(TOKEN_EXPIRED, ConnectionStatus.TOKEN_INCORRECT),
          Map.entry(KICKED, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT),
          Map.entry(BANNED_WHILE_CONNECTED, ConnectionStatus.DISCONN_EXCEPTION),
          Map.entry(REFUSED_BANNED, ConnectionStatus.DISCONN_EXCEPTION),
          Map.entry(USER_DEACTIVATED, ConnectionStatus.USER_ABANDON),
          Map.entry(CONNECT_TIMEOUT, ConnectionStatus.TIMEOUT),
          Map.entry(NET_UNAVAILABLE, ConnectionStatus.NETWORK_UNAVAILABLE),
          Map.entry(NETWORK_DOWN, ConnectionStatus.NETWORK_UNAVAILABLE),
          Map.entry(TOKEN_DEVICE_MISMATCH, ConnectionStatus.TOKEN_INCORRECT),
          Map.entry(TOKEN_ALREADY_USED, ConnectionStatus.TOKEN_INCORRECT),
          Map.entry(TOKEN_PLATFORM_MISMATCH, ConnectionStatus.TOKEN_INCORRECT));

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
