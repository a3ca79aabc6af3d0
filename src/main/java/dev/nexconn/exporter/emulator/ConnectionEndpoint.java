package dev.nexconn.exporter.emulator;

import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import dev.nexconn.exporter.transport.FrameCodecException;
import io.vertx.core.http.ServerWebSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol v1 WebSocket endpoint: checks the token of a {@code connect} frame against the
 * tokens, bans, deletions and faults in force, answers {@code connack}, keeps one device per user,
 * answers pings, relays messages between sessions that negotiated the {@code messages} feature
 * ({@link MessageRelay}), and reports every session start and end as a presence item.
 *
 * <p>Multi-device rule: a newcomer kicks the live device with {@code 31010}, except when the
 * newcomer is reconnecting with {@code kickReconnect} ({@code reconnectKickEnable=true}): then the
 * newcomer itself is refused with {@code 31010}. The same device coming back replaces its stale
 * session silently.
 *
 * <p>No timer or thread per connection: state is a map of sessions; faults are checked per frame.
 */
final class ConnectionEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionEndpoint.class);
  private final TokenStore tokens;
  private final UserAccounts accounts;
  private final FaultState faults;
  private final FrameDelayer delayer;
  private final Consumer<PresenceItem> presence;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, Session> sessionsByUser = new ConcurrentHashMap<>();
  private final MessageRelay messages;

  /** One live, authenticated socket. */
  private static final class Session {
    final String userId;
    final String sessionId;
    final String deviceId;
    final String platform;
    final String clientIp;
    final ServerWebSocket socket;
    final boolean messages;
    volatile boolean loggedOut;

    Session(
        String userId, String deviceId, String platform, ServerWebSocket socket, boolean messages) {
      this.userId = userId;
      this.messages = messages;
      this.sessionId = UUID.randomUUID().toString();
      this.deviceId = deviceId;
      this.platform = platform;
      this.clientIp = socket.remoteAddress() == null ? "" : socket.remoteAddress().host();
      this.socket = socket;
    }
  }

  ConnectionEndpoint(
      TokenStore tokens,
      UserAccounts accounts,
      FaultState faults,
      FrameDelayer delayer,
      Consumer<PresenceItem> presence,
      Clock clock,
      RandomGenerator random) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.faults = faults;
    this.delayer = delayer;
    this.presence = presence;
    this.clock = clock;
    this.random = random;
    this.messages = new MessageRelay(clock, random, delayer);
  }

  /** The message relay: its faults and counters. */
  MessageRelay messages() {
    return messages;
  }

  void accept(ServerWebSocket socket) {
    Session[] current = new Session[1];
    socket.textMessageHandler(
        text -> {
          Frame frame;
          try {
            frame = FrameCodec.decode(text);
          } catch (FrameCodecException e) {
            send(socket, new Frame.Disconnect(EmulatorCodes.PROTOCOL_ERROR, e.getMessage()), true);
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
            sessionsByUser.remove(s.userId, s);
            report(s, s.loggedOut ? PresenceStatus.LOGGED_OUT : PresenceStatus.DISCONNECTED);
          }
        });
    socket.exceptionHandler(err -> {});
  }

  private Session onConnect(ServerWebSocket socket, Frame frame) {
    if (!(frame instanceof Frame.Connect connect)) {
      refuse(socket, EmulatorCodes.PROTOCOL_ERROR);
      return null;
    }
    int fault = faults.refusalCode();
    if (fault != EmulatorCodes.OK) {
      refuse(socket, fault);
      return null;
    }
    var issued = tokens.lookup(connect.token());
    if (issued.isEmpty()) {
      refuse(socket, EmulatorCodes.TOKEN_INCORRECT);
      return null;
    }
    int admission = accounts.admission(issued.get(), clock.millis());
    if (admission != EmulatorCodes.OK) {
      refuse(socket, admission);
      return null;
    }
    String userId = issued.get().userId();
    Session previous = sessionsByUser.get(userId);
    boolean sameDevice =
        previous != null
            && !connect.deviceId().isEmpty()
            && connect.deviceId().equals(previous.deviceId);
    if (previous != null && !sameDevice && connect.reconnect() && connect.kickReconnect()) {
      refuse(socket, EmulatorCodes.KICKED);
      return null;
    }
    boolean wantsMessages = connect.features().contains(Frame.FEATURE_MESSAGES);
    Session session =
        new Session(userId, connect.deviceId(), connect.platform(), socket, wantsMessages);
    sessionsByUser.put(userId, session);
    if (previous != null) {
      if (sameDevice) {
        previous.socket.close();
      } else {
        cut(previous, EmulatorCodes.KICKED, "kicked: the user connected on another device");
      }
    }
    List<String> granted = wantsMessages ? List.of(Frame.FEATURE_MESSAGES) : List.of();
    send(socket, new Frame.ConnAck(EmulatorCodes.OK, userId, session.sessionId, granted), false);
    report(session, PresenceStatus.CONNECTED);
    return session;
  }

  private void onSessionFrame(Session session, Frame frame) {
    if (frame instanceof Frame.Ping ping) {
      if (!faults.halfOpen()) {
        send(session.socket, new Frame.Pong(ping.id()), false);
      }
    } else if (frame instanceof Frame.Disconnect d) {
      session.loggedOut = d.code() == EmulatorCodes.SIGN_OUT;
      sessionsByUser.remove(session.userId, session);
      session.socket.close();
    } else if (frame instanceof Frame.Send || frame instanceof Frame.Ack) {
      if (!session.messages) {
        messages.rejected();
        LOG.info(
            "event=frame_rejected reason=not_negotiated type={} user={} rejected_total={}",
            frame.type(),
            session.userId,
            messages.rejectedCount());
        return;
      }
      if (frame instanceof Frame.Send m) {
        deliver(session.userId, m.to(), m.seq(), m.sentAt());
      }
    }
  }

  /**
   * Delivers a message from {@code from} to the live session of {@code to}, if it negotiated
   * messages; returns the message id, or null when there is no such session.
   */
  String deliver(String from, String to, long seq, long sentAt) {
    Session target = sessionsByUser.get(to);
    if (target == null || !target.messages) {
      messages.undeliverable();
      return null;
    }
    String messageId = UUID.randomUUID().toString();
    messages.relay(
        target.socket, new Frame.Deliver(from, seq, sentAt, messageId), faults.latencyMillis());
    return messageId;
  }

  /** Ends the user's live session with a disconnect frame; returns 1 if there was one. */
  int cutUser(String userId, int code, String reason) {
    Session s = sessionsByUser.get(userId);
    if (s == null) {
      return 0;
    }
    cut(s, code, reason);
    return 1;
  }

  /**
   * Closes about {@code percent}% of live sessions with the WebSocket close code {@code closeCode}
   * and no disconnect frame, as a crash or a network cut would.
   */
  int drop(double percent, short closeCode, String reason) {
    int n = 0;
    for (Session s : pick(percent)) {
      sessionsByUser.remove(s.userId, s);
      s.socket.close(closeCode, reason);
      n++;
    }
    return n;
  }

  /** Ends about {@code percent}% of live sessions with a disconnect frame carrying {@code code}. */
  int cutPercent(double percent, int code, String reason) {
    int n = 0;
    for (Session s : pick(percent)) {
      cut(s, code, reason);
      n++;
    }
    return n;
  }

  /** Users with a live session, in no particular order. */
  List<String> onlineUsers() {
    return new ArrayList<>(sessionsByUser.keySet());
  }

  boolean online(String userId) {
    return sessionsByUser.containsKey(userId);
  }

  int sessionCount() {
    return sessionsByUser.size();
  }

  private List<Session> pick(double percent) {
    List<Session> chosen = new ArrayList<>();
    for (Session s : sessionsByUser.values()) {
      if (percent >= 100 || random.nextDouble() * 100 < percent) {
        chosen.add(s);
      }
    }
    return chosen;
  }

  private void refuse(ServerWebSocket socket, int code) {
    send(socket, new Frame.ConnAck(code, null, null), true);
  }

  private void cut(Session session, int code, String reason) {
    sessionsByUser.remove(session.userId, session);
    send(session.socket, new Frame.Disconnect(code, reason), true);
  }

  private void send(ServerWebSocket socket, Frame frame, boolean closeAfter) {
    String text = FrameCodec.encode(frame);
    long latency = faults.latencyMillis();
    if (latency > 0) {
      delayer.send(socket, text, latency, closeAfter);
      return;
    }
    socket.writeTextMessage(text);
    if (closeAfter) {
      socket.close();
    }
  }

  private void report(Session s, PresenceStatus status) {
    presence.accept(
        new PresenceItem(
            s.userId,
            status,
            PresenceItem.osOf(s.platform),
            clock.millis(),
            s.clientIp,
            s.sessionId));
  }
}
