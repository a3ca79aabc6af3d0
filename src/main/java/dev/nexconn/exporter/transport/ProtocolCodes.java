package dev.nexconn.exporter.transport;

/**
 * The codes of protocol v1 that belong to the wire itself. Every other code a {@link Frame.ConnAck}
 * or {@link Frame.Disconnect} carries is one of the Nexconn SDK's error codes ({@code
 * event.SdkErrorCode}), passed through unchanged so that a gateway to the real service can forward
 * them; {@code docs/protocol.md} maps each to a connection status.
 */
public final class ProtocolCodes {
  /** Connect accepted. */
  public static final int OK = 0;

  /** Client sign-out (client to server). */
  public static final int SIGN_OUT = 0;

  /** Malformed or unexpected frame. */
  public static final int PROTOCOL_ERROR = 30021;

  private ProtocolCodes() {}
}
