package dev.nexconn.exporter.transport;

/**
 * A frame of the project's upstream connection protocol, version 1 ({@code docs/protocol.md}).
 * Frames travel as WebSocket text messages holding one JSON object with {@code "v":1} and a {@code
 * "type"}. This family is the protocol shared by the engine's client and the emulator's server.
 */
public sealed interface Frame
    permits Frame.Connect,
        Frame.ConnAck,
        Frame.Ping,
        Frame.Pong,
        Frame.Disconnect,
        Frame.Send,
        Frame.Deliver,
        Frame.Ack {

  /** The protocol version every frame carries. */
  int VERSION = 1;

  /**
   * The optional feature that enables {@link Send}, {@link Deliver} and {@link Ack}: offered in
   * {@link Connect#features()}, granted in {@link ConnAck#features()}. A v1 peer that offers
   * nothing never sees these frames.
   */
  String FEATURE_MESSAGES = "messages";

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
   * @param features optional features the client offers, e.g. {@link #FEATURE_MESSAGES}
   */
  record Connect(
      String token,
      boolean reconnect,
      boolean kickReconnect,
      String deviceId,
      String platform,
      java.util.List<String> features)
      implements Frame {
    public Connect {
      features = features == null ? java.util.List.of() : java.util.List.copyOf(features);
    }

    /** A connect that offers no optional feature (plain v1). */
    public Connect(
        String token, boolean reconnect, boolean kickReconnect, String deviceId, String platform) {
      this(token, reconnect, kickReconnect, deviceId, platform, java.util.List.of());
    }

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
          + ", features="
          + features
          + "]";
    }
  }

  /**
   * Server to client, the answer to {@link Connect}.
   *
   * @param code 0 on success, otherwise a {@link ProtocolCodes} refusal code
   * @param userId the user the token belongs to (success only)
   * @param sessionId the server's id for this session (success only)
   * @param features the offered features the server grants (success only)
   */
  record ConnAck(int code, String userId, String sessionId, java.util.List<String> features)
      implements Frame {
    public ConnAck {
      features = features == null ? java.util.List.of() : java.util.List.copyOf(features);
    }

    /** A connack that grants no optional feature (plain v1). */
    public ConnAck(int code, String userId, String sessionId) {
      this(code, userId, sessionId, java.util.List.of());
    }

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

  /**
   * Client to server ({@link #FEATURE_MESSAGES}): a one-to-one message for user {@code to}.
   *
   * @param seq the sender's sequence number
   * @param sentAt the sender's send time, Unix milliseconds
   * @param to the receiving user id
   * @param body the message text (never logged)
   */
  record Send(long seq, long sentAt, String to, String body) implements Frame {
    @Override
    public String type() {
      return "send";
    }
  }

  /**
   * Server to client ({@link #FEATURE_MESSAGES}): a message for this session's user; the client
   * answers {@link Ack} with the same {@code messageId}.
   */
  record Deliver(String from, long seq, long sentAt, String messageId) implements Frame {
    @Override
    public String type() {
      return "deliver";
    }
  }

  /** Client to server ({@link #FEATURE_MESSAGES}): the delivered message arrived. */
  record Ack(String messageId) implements Frame {
    @Override
    public String type() {
      return "ack";
    }
  }
}
