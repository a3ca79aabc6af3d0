package dev.nexconn.exporter.transport;

/**
 * A frame of the project's upstream connection protocol, version 1 ({@code docs/protocol.md}).
 * Frames travel as WebSocket text messages holding one JSON object with {@code "v":1} and a {@code
 * "type"}. This family is the protocol shared by the engine's client and the emulator's server.
 */
public sealed interface Frame
    permits Frame.Connect, Frame.ConnAck, Frame.Ping, Frame.Pong, Frame.Disconnect {

  /** The protocol version every frame carries. */
  int VERSION = 1;

  /** The frame's {@code type} on the wire. */
  String type();

  /**
   * Client to server, first frame on a new socket.
   *
   * @param token the access token (never logged)
   * @param reconnect true when this is an automatic reconnect after a drop
   * @param kickReconnect the SDK's {@code reconnectKickEnable}
   * @param deviceId stable id of the client device
   * @param platform client platform, e.g. {@code probe}
   */
  record Connect(
      String token, boolean reconnect, boolean kickReconnect, String deviceId, String platform)
      implements Frame {
    @Override
    public String type() {
      return "connect";
    }

    @Override
    public String toString() {
      return "Connect[token=<redacted>, reconnect="
          + reconnect
          + ", kickReconnect="
          + kickReconnect
          + ", deviceId="
          + deviceId
          + ", platform="
          + platform
          + "]";
    }
  }

  /**
   * Server to client, the answer to {@link Connect}.
   *
   * @param code 0 on success, otherwise a {@link ProtocolCodes} refusal code
   * @param userId the user the token belongs to (success only)
   * @param sessionId the server's id for this session (success only)
   */
  record ConnAck(int code, String userId, String sessionId) implements Frame {
    @Override
    public String type() {
      return "connack";
    }
  }

  /** Heartbeat request; either side may send it, the other answers with {@link Pong}. */
  record Ping(long id) implements Frame {
    @Override
    public String type() {
      return "ping";
    }
  }

  /** Heartbeat answer carrying the ping's id. */
  record Pong(long id) implements Frame {
    @Override
    public String type() {
      return "pong";
    }
  }

  /**
   * Either side ends the session. From the server it says why (kicked, banned, deleted); from the
   * client, code 0 means sign-out.
   */
  record Disconnect(int code, String reason) implements Frame {
    @Override
    public String type() {
      return "disconnect";
    }
  }
}
