package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.token.TokenProvider;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.ProtocolCodes;
import dev.nexconn.exporter.transport.UpstreamLink;
import dev.nexconn.exporter.transport.UpstreamTransport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * One monitored connection that behaves like a Nexconn client: it gets a token, connects, and on a
 * drop reconnects by the {@link ReconnectPolicy}. Every status change is published on the {@link
 * EventBus}. All state is confined to the connection's Vert.x context; public methods may be called
 * from any thread.
 */
final class ProbeConnection {
  private static final Duration CONNACK_TIMEOUT = Duration.ofSeconds(10);

  private final String id;
  private final String userId;
  private final String group;
  private final Context context;
  private final UpstreamTransport transport;
  private final TokenProvider tokens;
  private final ReconnectPolicy policy;
  private final EventBus bus;
  private final Clock clock;
  private final RandomGenerator random;

  private volatile ConnectionStatus status;
  private volatile Instant since;
  private volatile int reconnects;
  private int attempt;
  private boolean wasConnected;
  private boolean stopped;
  private UpstreamLink link;
  private long timerId = -1;
  private Promise<Void> signedOut;

  ProbeConnection(
      String id,
      String userId,
      String group,
      Context context,
      UpstreamTransport transport,
      TokenProvider tokens,
      ReconnectPolicy policy,
      EventBus bus,
      Clock clock,
      RandomGenerator random) {
    this.id = id;
    this.userId = userId;
    this.group = group;
    this.context = context;
    this.transport = transport;
    this.tokens = tokens;
    this.policy = policy;
    this.bus = bus;
    this.clock = clock;
    this.random = random;
    this.since = clock.instant();
  }

  /** Starts connecting. */
  void start() {
    context.runOnContext(v -> connect());
  }

  /** Signs out: sends a disconnect, closes the socket, ends in {@code sign_out}. */
  Future<Void> disconnect() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          stopped = true;
          cancelTimer();
          signedOut = done;
          if (link != null) {
            UpstreamLink l = link;
            link = null;
            l.send(new Frame.Disconnect(ProtocolCodes.SIGN_OUT, "sign out"))
                .eventually(l::close)
                .onComplete(ar -> finishSignOut());
          } else {
            finishSignOut();
          }
        });
    return done.future();
  }

  ProbeSnapshot snapshot() {
    return new ProbeSnapshot(id, userId, group, status, since, reconnects);
  }

  private void finishSignOut() {
    transition(ConnectionStatus.SIGN_OUT, 0);
    if (signedOut != null) {
      signedOut.tryComplete();
    }
  }

  private void connect() {
    if (stopped) {
      return;
    }
    transition(ConnectionStatus.CONNECTING, 0);
    tokens
        .token(userId, false)
        .compose(token -> transport.open().map(l -> new Opened(l, token)))
        .onComplete(
            ar -> {
              if (stopped) {
                if (ar.succeeded()) {
                  ar.result().link().close();
                }
                return;
              }
              if (ar.failed()) {
                transition(ConnectionStatus.NETWORK_UNAVAILABLE, 0);
                scheduleReconnect();
                return;
              }
              handshake(ar.result().link(), ar.result().token());
            });
  }

  private void handshake(UpstreamLink l, String token) {
    this.link = l;
    l.frameHandler(this::onFrame);
    l.closeHandler(code -> onClosed(l));
    l.protocolErrorHandler(e -> l.close());
    l.send(new Frame.Connect(token, wasConnected, false, id, "probe"));
    timerId =
        context
            .owner()
            .setTimer(
                CONNACK_TIMEOUT.toMillis(),
                t -> {
                  timerId = -1;
                  if (link == l && status == ConnectionStatus.CONNECTING) {
                    l.close();
                  }
                });
  }

  private void onFrame(Frame frame) {
    if (frame instanceof Frame.ConnAck ack) {
      cancelTimer();
      ConnectionStatus next = StatusMapping.forConnAck(ack.code());
      if (next == ConnectionStatus.CONNECTED) {
        attempt = 0;
        wasConnected = true;
        transition(ConnectionStatus.CONNECTED, 0);
      } else {
        endSession(next, ack.code());
      }
    } else if (frame instanceof Frame.Disconnect d) {
      endSession(StatusMapping.forServerDisconnect(d.code()), d.code());
    } else if (frame instanceof Frame.Ping p && link != null) {
      link.send(new Frame.Pong(p.id()));
    }
  }

  private void endSession(ConnectionStatus next, int code) {
    UpstreamLink l = link;
    link = null;
    transition(next, code);
    if (l != null) {
      l.close();
    }
    if (next.retries()) {
      scheduleReconnect();
    }
  }

  private void onClosed(UpstreamLink closed) {
    if (link != closed || stopped) {
      return;
    }
    link = null;
    cancelTimer();
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (stopped) {
      return;
    }
    attempt++;
    reconnects++;
    Duration delay = policy.delay(attempt, random);
    bus.publish(
        new ReconnectAttempt(
            EventSource.PROBE, clock.instant(), Dimensions.PROBE, id, attempt, delay));
    if (status != ConnectionStatus.NETWORK_UNAVAILABLE) {
      transition(ConnectionStatus.CONNECTING, 0);
    }
    timerId =
        context
            .owner()
            .setTimer(
                Math.max(1, delay.toMillis()),
                t -> {
                  timerId = -1;
                  connect();
                });
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      context.owner().cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void transition(ConnectionStatus next, int errorCode) {
    ConnectionStatus previous = status;
    if (previous == next) {
      return;
    }
    status = next;
    since = clock.instant();
    bus.publish(
        new StatusChanged(
            EventSource.PROBE, since, Dimensions.PROBE, id, userId, previous, next, errorCode));
  }

  private record Opened(UpstreamLink link, String token) {}
}
