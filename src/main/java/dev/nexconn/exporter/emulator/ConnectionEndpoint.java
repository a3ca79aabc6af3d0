package dev.nexconn.exporter.emulator;

import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import dev.nexconn.exporter.transport.FrameCodecException;
import dev.nexconn.exporter.transport.ProtocolCodes;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol v1 WebSocket endpoint: checks the token of a {@code connect} frame, answers {@code
 * connack}, keeps one session per user (a newcomer kicks the old device unless it is reconnecting
 * with {@code kickReconnect}), answers pings, and lets faults cut sessions.
 */
final class ConnectionEndpoint {
  private final TokenStore tokens;
  private final Map<String, Session> sessionsByUser = new ConcurrentHashMap<>();

  /** One live, authenticated socket. */
  record Session(String userId, String sessionId, String deviceId, ServerWebSocket socket) {}

  ConnectionEndpoint(TokenStore tokens) {
    this.tokens = tokens;
  }

  void accept(ServerWebSocket socket) {
    Session[] current = new Session[1];
    socket.textMessageHandler(
        text -> {
          Frame frame;
          try {
            frame = FrameCodec.decode(text);
          } catch (FrameCodecException e) {
            socket.writeTextMessage(
                FrameCodec.encode(
                    new Frame.Disconnect(ProtocolCodes.PROTOCOL_ERROR, e.getMessage())));
            socket.close((short) 1002, "protocol error");
            return;
          }
          if (current[0] == null) {
            current[0] = onConnect(socket, frame);
          } else {
            onSessionFrame(current[0], frame);
          }
        });
    socket.closeHandler(
        v -> {
          Session s = current[0];
          if (s != null) {
            sessionsByUser.remove(s.userId(), s);
          }
        });
    socket.exceptionHandler(err -> {});
  }

  private Session onConnect(ServerWebSocket socket, Frame frame) {
    if (!(frame instanceof Frame.Connect connect)) {
      refuse(socket, ProtocolCodes.PROTOCOL_ERROR);
      return null;
    }
    var issued = tokens.lookup(connect.token());
    if (issued.isEmpty()) {
      refuse(socket, ProtocolCodes.TOKEN_INCORRECT);
      return null;
    }
    String userId = issued.get().userId();
    Session previous = sessionsByUser.get(userId);
    if (previous != null && connect.reconnect() && connect.kickReconnect()) {
      refuse(socket, ProtocolCodes.KICKED);
      return null;
    }
    Session session = new Session(userId, UUID.randomUUID().toString(), connect.deviceId(), socket);
    sessionsByUser.put(userId, session);
    if (previous != null) {
      cut(previous, ProtocolCodes.KICKED, "kicked: the user connected on another device");
    }
    socket.writeTextMessage(
        FrameCodec.encode(new Frame.ConnAck(ProtocolCodes.OK, userId, session.sessionId())));
    return session;
  }

  private void onSessionFrame(Session session, Frame frame) {
    if (frame instanceof Frame.Ping ping) {
      session.socket().writeTextMessage(FrameCodec.encode(new Frame.Pong(ping.id())));
    } else if (frame instanceof Frame.Disconnect) {
      sessionsByUser.remove(session.userId(), session);
      session.socket().close();
    }
  }

  /** Drops every live session, as a server restart would (close code 1001). */
  int dropAll() {
    int n = 0;
    for (Session s : sessionsByUser.values()) {
      sessionsByUser.remove(s.userId(), s);
      s.socket().close((short) 1001, "dropped by fault injection");
      n++;
    }
    return n;
  }

  /** Number of live sessions. */
  int sessionCount() {
    return sessionsByUser.size();
  }

  private static void refuse(ServerWebSocket socket, int code) {
    socket.writeTextMessage(FrameCodec.encode(new Frame.ConnAck(code, null, null)));
    socket.close();
  }

  private void cut(Session session, int code, String reason) {
    sessionsByUser.remove(session.userId(), session);
    session.socket().writeTextMessage(FrameCodec.encode(new Frame.Disconnect(code, reason)));
    session.socket().close();
  }
}
