package dev.nexconn.exporter.event;

import java.util.Optional;

/**
 * The Nexconn SDK's connection error codes ({@code RCErrorCode}; the numbers are the same on every
 * platform), with the status each code means. The upstream sends the server's codes in {@code
 * connack} and {@code disconnect} frames ({@code docs/protocol.md}); the engine raises the client
 * codes itself; SDK reports carry both ({@code docs/ingest.md}).
 *
 * <p>What a code means depends on the platform that saw it ({@link #status(Platform)}): a probe
 * acts on every code, while an SDK report's error code decides the status only for the codes in
 * {@code docs/ingest.md}'s error-code table, because a real SDK already reports the status that
 * follows a temporary failure (a {@code suspend} with 30011, say) itself.
 */
public enum SdkErrorCode {
  /** The upstream could not be reached (client). */
  NETWORK_UNAVAILABLE(30002, ConnectionStatus.NETWORK_UNAVAILABLE, true),
  /**
   * Navigation failed: the navigation server was unreachable or answered an error (Web SDK,
   * client). A probe through the Web SDK driver waits for the network; a report keeps its status.
   */
  NAVIGATION_FAILED(30007, ConnectionStatus.NETWORK_UNAVAILABLE, false),
  /** The socket could not be created through the configured proxy (client). */
  PROXY_UNAVAILABLE(30010, ConnectionStatus.PROXY_UNAVAILABLE, false),
  /** The server is not accepting connections right now (retry later). */
  SERVER_UNAVAILABLE(30011, ConnectionStatus.SUSPEND, false),
  /** Heartbeat ping failed (Web SDK: two missed pongs, reported in {@code SUSPEND}). */
  PING_FAILED(30012, ConnectionStatus.SUSPEND, false),
  /** Heartbeat ping was not answered in time (client). */
  PING_TIMEOUT(30013, ConnectionStatus.SUSPEND, false),
  /** The client connects too often. */
  CONNECTING_TOO_OFTEN(30015, ConnectionStatus.SUSPEND, false),
  /** The device's network is down (Web SDK {@code ErrorCode}). */
  NETWORK_DOWN(30019, ConnectionStatus.NETWORK_UNAVAILABLE, true),
  /** The connect acknowledgement did not arrive in time (client). */
  CONNACK_TIMEOUT(31000, ConnectionStatus.SUSPEND, false),
  /** Token invalid: wrong App Key, unknown or invalidated token. */
  TOKEN_INCORRECT(31004, ConnectionStatus.TOKEN_INCORRECT, true),
  /** The App Key is banned or deleted. */
  APP_BLOCKED(31008, ConnectionStatus.UNCONNECTED, false),
  /** Connect refused because the user is banned. */
  USER_BANNED(31009, ConnectionStatus.DISCONN_EXCEPTION, true),
  /** Kicked: the same user connected on another device. */
  KICKED(31010, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, true),
  /** Banned while connected. */
  BANNED_WHILE_CONNECTED(31011, ConnectionStatus.DISCONN_EXCEPTION, true),
  /** Token expired (console lifetime or {@code access-token/expire}). */
  TOKEN_EXPIRED(31020, ConnectionStatus.TOKEN_INCORRECT, true),
  /** The token was issued for another device (Web SDK {@code ErrorCode}). */
  TOKEN_DEVICE_MISMATCH(31021, ConnectionStatus.TOKEN_INCORRECT, true),
  /** The token was already used (Web SDK {@code ErrorCode}). */
  TOKEN_ALREADY_USED(31027, ConnectionStatus.TOKEN_INCORRECT, true),
  /** The token was issued for another platform (Web SDK {@code ErrorCode}). */
  TOKEN_PLATFORM_MISMATCH(31028, ConnectionStatus.TOKEN_INCORRECT, true),
  /** The user account was deactivated (soft-deleted). */
  USER_ABANDONED(31029, ConnectionStatus.USER_ABANDON, true),
  /** The socket was reset by the peer (client). */
  CONNECTION_RESET(32054, ConnectionStatus.SUSPEND, false),
  /** The engine was not initialized before connect (client; no status change). */
  NOT_INITIALIZED(33001, null, false),
  /** The local database could not be opened (client; the connect goes on). */
  DATABASE_ERROR(33002, null, false),
  /** The connection was signed out before it completed (client). */
  SIGNED_OUT(33003, null, false),
  /** {@code connect} was called while already connecting or connected (client). */
  ALREADY_CONNECTING(33006, null, false),
  /**
   * The token provider could not supply a token (endpoint down, throttled, bad answer). The
   * project's own code: the SDK never fetches tokens, the app does.
   */
  TOKEN_FETCH_FAILED(33100, ConnectionStatus.SUSPEND, false),
  /** Connect gave up after {@code timeout} seconds. */
  CONNECT_TIMEOUT(34006, ConnectionStatus.TIMEOUT, true);

  private final int code;
  private final ConnectionStatus status;
  private final boolean decidesReportedStatus;

  SdkErrorCode(int code, ConnectionStatus status, boolean decidesReportedStatus) {
    this.code = code;
    this.status = status;
    this.decidesReportedStatus = decidesReportedStatus;
  }

  /** The SDK's number, e.g. {@code 31010}. */
  public int code() {
    return code;
  }

  /**
   * The status this code means on {@code platform}: on {@link Platform#PROBE} the status the engine
   * enters; on an SDK platform the status a report with a generic status ({@code unconnected},
   * {@code unknown}) or none is counted as, for the codes that decide one.
   */
  public Optional<ConnectionStatus> status(Platform platform) {
    if (platform != Platform.PROBE && !decidesReportedStatus) {
      return Optional.empty();
    }
    return Optional.ofNullable(status);
  }

  /** values() clones its array on every call; lookups run per reported event. */
  private static final SdkErrorCode[] VALUES = values();

  /** The code with this number, if the SDK defines it here. */
  public static Optional<SdkErrorCode> fromCode(int code) {
    if (code == 0) {
      // 0 is "no error", the value of most reports: answered without a scan.
      return Optional.empty();
    }
    for (SdkErrorCode c : VALUES) {
      if (c.code == code) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The status {@code code} means on {@code platform}, if it is a known code that means one. */
  public static Optional<ConnectionStatus> statusOf(int code, Platform platform) {
    return fromCode(code).flatMap(c -> c.status(platform));
  }
}
