package dev.nexconn.exporter.emulator;

/**
 * The result and reason codes the emulator sends in {@code connack} and {@code disconnect} frames.
 * A deliberate, independent copy of the Nexconn SDK's numbers ({@code RCErrorCode}): the sidecar
 * reads them through {@code event.SdkErrorCode}, and because the emulator does not share that table
 * a wrong number on either side shows up as a failing engine-against-emulator test instead of
 * agreeing with itself.
 */
public final class EmulatorCodes {
  /** Connect accepted; also the client's sign-out reason. */
  public static final int OK = 0;

  /** Client sign-out (client to server). */
  public static final int SIGN_OUT = 0;

  /** The server is not accepting connections right now (retry later). */
  public static final int SERVER_UNAVAILABLE = 30011;

  /** Malformed or unexpected frame. */
  public static final int PROTOCOL_ERROR = 30021;

  /** Token invalid: wrong App Key, unknown or invalidated token. */
  public static final int TOKEN_INCORRECT = 31004;

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

  private EmulatorCodes() {}
}
