package dev.nexconn.exporter.transport;

/**
 * Result and reason codes carried in {@link Frame.ConnAck} and {@link Frame.Disconnect}. They reuse
 * the Nexconn SDK's error codes ({@code RCErrorCode}) so that a gateway to the real service can
 * pass them through unchanged. {@code docs/protocol.md} maps each to a connection status.
 */
public final class ProtocolCodes {
  /** Connect accepted. */
  public static final int OK = 0;

  /** Client sign-out (client to server). */
  public static final int SIGN_OUT = 0;

  /** The server is not accepting connections right now (retry later). */
  public static final int SERVER_UNAVAILABLE = 30011;

  /** Client connects too often. */
  public static final int CONNECTING_TOO_OFTEN = 30015;

  /** Token invalid: wrong App Key, unknown or invalidated token. */
  public static final int TOKEN_INCORRECT = 31004;

  /** The App Key is banned or deleted. */
  public static final int APP_BLOCKED = 31008;

  /** Refused because the user is banned. */
  public static final int USER_BANNED = 31009;

  /** Kicked: the same user connected on another device. */
  public static final int KICKED = 31010;

  /** Banned while connected. */
  public static final int BANNED_WHILE_CONNECTED = 31011;

  /** Token expired (console lifetime or access-token/expire). */
  public static final int TOKEN_EXPIRED = 31020;

  /** The user account was deactivated (soft-deleted). */
  public static final int USER_ABANDONED = 31029;

  /** The client did not see a connack in time. */
  public static final int CONNECT_TIMEOUT = 34006;

  /** Malformed or unexpected frame. */
  public static final int PROTOCOL_ERROR = 30021;

  private ProtocolCodes() {}
}
