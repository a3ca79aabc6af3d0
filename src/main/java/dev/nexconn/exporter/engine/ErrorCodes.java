package dev.nexconn.exporter.engine;

/**
 * Client-side SDK error codes the engine raises itself (the server's codes are in {@code
 * transport.ProtocolCodes}); numbers follow {@code RCErrorCode.h}.
 */
public final class ErrorCodes {
  /** The upstream could not be reached. */
  public static final int NETWORK_UNAVAILABLE = 30002;

  /** The socket could not be created through the configured proxy. */
  public static final int PROXY_UNAVAILABLE = 30010;

  /** Heartbeat ping was not answered in time. */
  public static final int PING_TIMEOUT = 30013;

  /** The connect acknowledgement did not arrive in time. */
  public static final int CONNACK_TIMEOUT = 31000;

  /** The socket was reset by the peer. */
  public static final int CONNECTION_RESET = 32054;

  /** The engine was not initialized before connect. */
  public static final int NOT_INITIALIZED = 33001;

  /** The local database could not be opened. */
  public static final int DATABASE_ERROR = 33002;

  /** The connection was signed out before it completed. */
  public static final int SIGNED_OUT = 33003;

  /** {@code connect} was called while the connection is already connecting or connected. */
  public static final int ALREADY_CONNECTING = 33006;

  /**
   * The token provider could not supply a token (endpoint down, throttled, bad answer). The
   * project's own code: the SDK never fetches tokens, the app does.
   */
  public static final int TOKEN_FETCH_FAILED = 33100;

  /** Connect gave up after {@code timeout} seconds. */
  public static final int CONNECT_TIMEOUT = 34006;

  private ErrorCodes() {}
}
