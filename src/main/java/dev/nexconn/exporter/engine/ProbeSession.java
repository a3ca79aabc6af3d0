package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.transport.ConnectTrace;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodecException;
import dev.nexconn.exporter.transport.LinkListener;
import dev.nexconn.exporter.transport.ProtocolCodes;
import dev.nexconn.exporter.transport.UpstreamLink;
import io.vertx.core.Future;
import java.util.List;

/**
 * One open socket of a {@link ProbeMachine}: sends the connect frame, answers server pings, matches
 * pongs to the last ping, and hands everything else to the connection. It exists only while a
 * socket is open; handlers run on the connection's context.
 */
final class ProbeSession implements LinkListener {
  private final ProbeMachine owner;
  private final UpstreamLink link;
  private long pingId;
  private long pingSentAt;
  private boolean closedByUs;
  private boolean messagesGranted;
  // Kept only until the connack: how the open went and when the link was ready.
  private ConnectTrace trace;
  private long openedAt;

  ProbeSession(ProbeMachine owner, UpstreamLink link, long openedAt) {
    this.owner = owner;
    this.link = link;
    this.openedAt = openedAt;
    this.trace = link.takeTrace();
    link.listener(this);
  }

  /** The open's trace, once; later calls return {@code null}. */
  ConnectTrace takeTrace() {
    ConnectTrace t = trace;
    trace = null;
    return t;
  }

  long openedAt() {
    return openedAt;
  }

  /**
   * The device id is {@code instanceId/connectionId}: unique per engine, so two processes with the
   * same config are two devices (and kick each other) instead of silently replacing each other's
   * socket. It is built here, on send, so no probe stores it.
   */
  void sendConnect(String token, boolean reconnect, boolean kickReconnect) {
    link.send(
        new Frame.Connect(
            token,
            reconnect,
            kickReconnect,
            owner.deviceId(),
            Platform.PROBE.label(),
            owner.wantsMessages() ? List.of(Frame.FEATURE_MESSAGES) : List.of()));
  }

  /** Sends a message frame if the server granted {@code messages}; false when it did not. */
  boolean sendMessage(Frame.Send message) {
    if (!messagesGranted || closedByUs) {
      return false;
    }
    link.send(message);
    return true;
  }

  void ping(long now) {
    pingId++;
    pingSentAt = now;
    link.send(new Frame.Ping(pingId));
  }

  /** Closes the socket without telling the server; no callbacks follow. */
  void close() {
    closedByUs = true;
    link.close();
  }

  /** Tells the server this is a sign-out, then closes. */
  Future<Void> signOut() {
    closedByUs = true;
    return link.send(new Frame.Disconnect(ProtocolCodes.SIGN_OUT, "sign out"))
        .eventually(link::close);
  }

  @Override
  public void onFrame(Frame frame) {
    // Links report on the context that opened them, which is the probe's; the check is cheap.
    owner.onContext(() -> handle(frame));
  }

  @Override
  public void onClosed(int code) {
    owner.onContext(this::closed);
  }

  @Override
  public void onProtocolError(FrameCodecException error) {
    link.close();
  }

  private void handle(Frame frame) {
    if (closedByUs) {
      return;
    }
    if (frame instanceof Frame.ConnAck ack) {
      messagesGranted = owner.wantsMessages() && ack.features().contains(Frame.FEATURE_MESSAGES);
      owner.onConnAck(this, ack.code(), ack.userId());
    } else if (frame instanceof Frame.Disconnect d) {
      owner.onServerDisconnect(this, d.code());
    } else if (frame instanceof Frame.Ping p) {
      link.send(new Frame.Pong(p.id()));
    } else if (frame instanceof Frame.Pong p && p.id() == pingId) {
      owner.onPong(this, pingSentAt);
    } else if (frame instanceof Frame.Deliver d) {
      if (!messagesGranted) {
        // the server sent a frame of a feature this session did not negotiate: drop, count, log
        owner.onUnnegotiatedFrame(d.type());
        return;
      }
      link.send(new Frame.Ack(d.messageId()));
      owner.onDeliver(d);
    } else if (frame instanceof Frame.Send || frame instanceof Frame.Ack) {
      owner.onUnnegotiatedFrame(frame.type()); // client-to-server frames never come from a server
    }
  }

  private void closed() {
    if (!closedByUs) {
      owner.onSessionClosed(this);
    }
  }
}
