package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.transport.ConnectTrace;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodecException;
import dev.nexconn.exporter.transport.FrameFault;
import dev.nexconn.exporter.transport.LinkListener;
import dev.nexconn.exporter.transport.ProtocolCodes;
import dev.nexconn.exporter.transport.UpstreamLink;
import io.vertx.core.Future;
import java.util.List;

/**
 * One open socket of a {@link ProbeMachine}: sends the connect frame, answers server pings, matches
 * pongs to the last ping, and hands everything else to the connection. It exists only while a
 * socket is open; handlers run on the connection's context.
 *
 * <p>A message that is not a v1 frame is counted and logged by its reason, answered with {@code
 * disconnect 30021} naming the reason, and ends the socket: the close is a drop like any other, so
 * the probe reconnects on its schedule. A valid frame the session must not get ({@code deliver}
 * without {@code messages}, a client-only frame) is counted and dropped; the session stays.
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
    owner.onContext(() -> refuse(error));
  }

  private void refuse(FrameCodecException error) {
    FrameRejectReason reason = reason(error.fault());
    owner.onFrameRejected(reason, error.getMessage());
    if (closedByUs) {
      return;
    }
    link.send(
            new Frame.Disconnect(ProtocolCodes.PROTOCOL_ERROR, "frame rejected: " + reason.label()))
        .eventually(link::close);
  }

  /** The event's name for a transport fault; the two enums share their names on purpose. */
  static FrameRejectReason reason(FrameFault fault) {
    return FrameRejectReason.valueOf(fault.name());
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
        owner.onFrameRejected(FrameRejectReason.NOT_NEGOTIATED, notNegotiated(d.type()));
        return;
      }
      link.send(new Frame.Ack(d.messageId()));
      owner.onDeliver(d);
    } else if (frame instanceof Frame.Send || frame instanceof Frame.Ack) {
      // client-to-server frames never come from a server
      owner.onFrameRejected(FrameRejectReason.NOT_NEGOTIATED, notNegotiated(frame.type()));
    }
  }

  private static String notNegotiated(String type) {
    return type.equals("deliver")
        ? "a 'deliver' frame on a session without the feature 'messages': dropped"
        : "a '" + type + "' frame, which only a client sends: dropped";
  }

  private void closed() {
    if (!closedByUs) {
      owner.onSessionClosed(this);
    }
  }
}
