package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectCompleted;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.HeartbeatMeasured;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.ProtocolCodes;
import dev.nexconn.exporter.transport.UpstreamLink;
import dev.nexconn.exporter.transport.UpstreamUnreachableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One monitored connection that behaves like a Nexconn client SDK: {@code connect} opens the local
 * database, then connects and reports through the seed's callbacks; on a drop it reconnects by the
 * {@link ReconnectPolicy} until {@code disconnect} or a terminal status ({@code docs/engine.md}).
 * Every change is published on the engine's event bus. State is confined to the connection's shard
 * context; public methods may be called from any thread and all callbacks run on that context. All
 * deadlines (connack, heartbeat, reconnect wait, connect timeout) live in the shard's {@link
 * DeadlineWheel}: an idle connection owns no timer.
 */
public final class ProbeConnection extends WheelEntry {
  private enum Phase {
    IDLE,
    DATABASE,
    WAITING_RETRY,
    WAITING_SLOT,
    OPENING,
    AWAIT_CONNACK,
    CONNECTED,
    AWAIT_PONG
  }

  private static final StatusListener[] NO_LISTENERS = new StatusListener[0];

  private final String id;
  private final String userId;
  private final ProbeSettings settings;
  private final ConnectionEngine engine;
  private final ProbeShard shard;

  private volatile ConnectionStatus status;
  private volatile long sinceMillis;
  private volatile int reconnects;
  private volatile StatusListener[] listeners = NO_LISTENERS;
  private Phase phase = Phase.IDLE;
  private ConnectParams params;
  private String token;
  private boolean refreshToken;
  private DatabaseOpenedHandler onDatabase;
  private CompletionHandler onDone;
  private UpstreamLink link;
  private int attempt;
  private int attemptGen;
  private boolean everConnected;
  private long connectCalledAt;
  private long attemptStartedAt;
  private long droppedAt = -1;
  private long giveUpAt;
  private long pingId;
  private long pingSentAt;
  private int refreshes;
  private long refreshWindowStart = Long.MIN_VALUE;

  ProbeConnection(
      String id, String userId, ProbeSettings settings, ConnectionEngine engine, ProbeShard shard) {
    this.id = id;
    this.userId = userId;
    this.settings = settings;
    this.engine = engine;
    this.shard = shard;
    this.sinceMillis = engine.clock().millis();
  }

  /** The connection id, {@code group/userId}. */
  public String id() {
    return id;
  }

  /** The Vert.x context every callback of this connection runs on. */
  public Context context() {
    return shard.context();
  }

  /** The current status, {@code null} before the first {@code connect}. */
  public ConnectionStatus status() {
    return status;
  }

  /** Adds a status listener; set it before connecting to see every change. */
  public synchronized void addStatusListener(StatusListener listener) {
    StatusListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
    next[listeners.length] = listener;
    listeners = next;
  }

  /**
   * Connects: opens the local database (when on), fires {@code onDatabase}, then connects and fires
   * {@code onDone} once, with the user id or the error that ended the attempt.
   */
  public void connect(ConnectParams p, DatabaseOpenedHandler onDb, CompletionHandler done) {
    onContext(() -> start(p, onDb, done));
  }

  /**
   * Signs out: sends a disconnect frame, closes the socket and ends in {@code sign_out}; no further
   * reconnects. The future completes when the socket is closed.
   */
  public Future<Void> disconnect() {
    Promise<Void> closed = Promise.promise();
    onContext(
        () -> {
          phase = Phase.IDLE;
          shard.wheel().cancel(this);
          attemptGen++;
          UpstreamLink l = link;
          link = null;
          transition(ConnectionStatus.SIGN_OUT, 0);
          complete(null, new ConnectError(ErrorCodes.SIGNED_OUT, "signed out before connected"));
          if (l == null) {
            closed.complete();
          } else {
            l.send(new Frame.Disconnect(ProtocolCodes.SIGN_OUT, "sign out"))
                .eventually(l::close)
                .onComplete(ar -> closed.tryComplete());
          }
        });
    return closed.future();
  }

  /** A point-in-time view, safe to serialize. */
  public ProbeSnapshot snapshot() {
    return new ProbeSnapshot(
        id, userId, settings.group(), status, Instant.ofEpochMilli(sinceMillis), reconnects);
  }

  private void start(ConnectParams p, DatabaseOpenedHandler onDb, CompletionHandler done) {
    if (phase != Phase.IDLE) {
      if (done != null) {
        done.completed(null, new ConnectError(33006, "already connecting or connected"));
      }
      return;
    }
    long now = now();
    params = p;
    token = p.token();
    refreshToken = false;
    onDatabase = onDb;
    onDone = done;
    connectCalledAt = now;
    giveUpAt = p.timeout() > 0 ? now + p.timeout() * 1000L : 0;
    attempt = 0;
    everConnected = false;
    droppedAt = -1;
    int gen = ++attemptGen;
    transition(ConnectionStatus.CONNECTING, 0);
    java.nio.file.Path dir = settings.databaseDir();
    if (dir == null) {
      requestSlot();
      return;
    }
    phase = Phase.DATABASE;
    wake(Long.MAX_VALUE);
    context()
        .executeBlocking(() -> ProbeDatabase.open(dir, userId, engine.options().appKey()), false)
        .onComplete(ar -> onContext(() -> databaseOpened(gen, ar.succeeded(), ar)));
  }

  private void databaseOpened(int gen, boolean ok, io.vertx.core.AsyncResult<?> ar) {
    if (gen != attemptGen) {
      return;
    }
    boolean recreated = ok && ((ProbeDatabase.Outcome) ar.result()).recreated();
    int code = ok ? 0 : ErrorCodes.DATABASE_ERROR;
    engine.publish(new DatabaseOpened(EventSource.PROBE, at(), Dimensions.PROBE, recreated, code));
    DatabaseOpenedHandler h = onDatabase;
    onDatabase = null;
    if (h != null) {
      h.opened(
          recreated,
          ok
              ? null
              : new ConnectError(
                  code,
                  "local database failed: "
                      + ar.cause().getClass().getSimpleName()
                      + ": check that the data directory is writable"));
    }
    requestSlot();
  }

  @Override
  void onDue(long now) {
    if (giveUpAt > 0 && now >= giveUpAt && !connected() && phase != Phase.IDLE) {
      terminal(
          ConnectionStatus.TIMEOUT,
          ErrorCodes.CONNECT_TIMEOUT,
          "no connection within " + params.timeout() + " s (ConnectParams.timeout)");
      return;
    }
    switch (phase) {
      case WAITING_RETRY -> requestSlot();
      case WAITING_SLOT -> open();
      case OPENING, AWAIT_CONNACK ->
          failRetry(ConnectionStatus.SUSPEND, ErrorCodes.CONNACK_TIMEOUT);
      case CONNECTED -> ping(now);
      case AWAIT_PONG -> failRetry(ConnectionStatus.SUSPEND, ErrorCodes.PING_TIMEOUT);
      default -> {}
    }
  }

  private void requestSlot() {
    long now = now();
    long admit = engine.options().connectRate().admitAt(now);
    if (admit > now) {
      phase = Phase.WAITING_SLOT;
      wake(admit);
    } else {
      open();
    }
  }

  private void open() {
    long now = now();
    phase = Phase.OPENING;
    attemptStartedAt = now;
    int gen = ++attemptGen;
    if (status != ConnectionStatus.NETWORK_UNAVAILABLE) {
      transition(ConnectionStatus.CONNECTING, 0);
    }
    wake(now + engine.options().connAckTimeout().toMillis());
    boolean refresh = refreshToken;
    Future<String> tokenFuture;
    if (token != null && !refresh) {
      tokenFuture = Future.succeededFuture(token);
    } else {
      if (refresh) {
        refreshes++;
      }
      tokenFuture = settings.tokens().token(userId, refresh);
    }
    tokenFuture.onComplete(ar -> onContext(() -> tokenReady(gen, refresh, ar)));
  }

  private void tokenReady(int gen, boolean refresh, io.vertx.core.AsyncResult<String> ar) {
    if (gen != attemptGen) {
      return;
    }
    if (refresh) {
      engine.publish(
          new TokenRefresh(
              EventSource.PROBE, at(), Dimensions.PROBE, ar.succeeded() ? "success" : "failure"));
    }
    if (ar.failed()) {
      engine.publish(new TokenFailure(EventSource.PROBE, at(), Dimensions.PROBE, "fetch_failed"));
      tokenIncorrect(ProtocolCodes.TOKEN_INCORRECT);
      return;
    }
    token = ar.result();
    refreshToken = false;
    engine
        .transport()
        .open()
        .onComplete(
            opened ->
                onContext(
                    () -> {
                      if (gen != attemptGen) {
                        if (opened.succeeded()) {
                          opened.result().close();
                        }
                      } else if (opened.failed()) {
                        openFailed(opened.cause());
                      } else {
                        handshake(opened.result());
                      }
                    }));
  }

  private void openFailed(Throwable cause) {
    if (cause instanceof UpstreamUnreachableException u && u.viaProxy()) {
      terminal(
          ConnectionStatus.PROXY_UNAVAILABLE,
          ErrorCodes.PROXY_UNAVAILABLE,
          "proxy unavailable: check upstream.proxy and reconnect");
    } else {
      failRetry(ConnectionStatus.NETWORK_UNAVAILABLE, ErrorCodes.NETWORK_UNAVAILABLE);
    }
  }

  private void handshake(UpstreamLink l) {
    link = l;
    phase = Phase.AWAIT_CONNACK;
    l.frameHandler(f -> onContext(() -> onFrame(l, f)));
    l.closeHandler(code -> onContext(() -> onClosed(l)));
    l.protocolErrorHandler(e -> l.close());
    l.send(new Frame.Connect(token, everConnected, params.reconnectKickEnable(), id, "probe"));
  }

  private void onFrame(UpstreamLink from, Frame frame) {
    if (from != link) {
      return;
    }
    if (frame instanceof Frame.ConnAck ack) {
      if (phase != Phase.AWAIT_CONNACK) {
        return;
      }
      if (ack.code() == ProtocolCodes.OK) {
        connected(ack.userId() == null ? userId : ack.userId());
      } else {
        ended(StatusMapping.forConnAck(ack.code()), ack.code());
      }
    } else if (frame instanceof Frame.Disconnect d) {
      ended(StatusMapping.forServerDisconnect(d.code()), d.code());
    } else if (frame instanceof Frame.Ping p) {
      from.send(new Frame.Pong(p.id()));
    } else if (frame instanceof Frame.Pong p && phase == Phase.AWAIT_PONG && p.id() == pingId) {
      long now = now();
      engine.publish(
          new HeartbeatMeasured(
              EventSource.PROBE,
              at(),
              Dimensions.PROBE,
              id,
              Duration.ofMillis(Math.max(0, now - pingSentAt))));
      phase = Phase.CONNECTED;
      wake(now + settings.heartbeatInterval().toMillis());
    }
  }

  private void ended(ConnectionStatus next, int code) {
    if (next == ConnectionStatus.TOKEN_INCORRECT) {
      closeLink();
      String reason = code == ProtocolCodes.TOKEN_EXPIRED ? "expired" : "incorrect";
      engine.publish(new TokenFailure(EventSource.PROBE, at(), Dimensions.PROBE, reason));
      tokenIncorrect(code);
    } else if (next.retries()) {
      failRetry(next, code);
    } else {
      terminal(next, code, "connection ended by the server with code " + code);
    }
  }

  private void onClosed(UpstreamLink closed) {
    if (closed == link) {
      failRetry(ConnectionStatus.SUSPEND, ErrorCodes.CONNECTION_RESET);
    }
  }

  private void connected(String serverUserId) {
    long now = now();
    Duration took = Duration.ofMillis(now - (everConnected ? attemptStartedAt : connectCalledAt));
    Duration recovery = droppedAt >= 0 ? Duration.ofMillis(now - droppedAt) : null;
    phase = Phase.CONNECTED;
    attempt = 0;
    giveUpAt = 0;
    everConnected = true;
    droppedAt = -1;
    refreshes = 0;
    transition(ConnectionStatus.CONNECTED, 0);
    engine.publish(
        new ConnectCompleted(EventSource.PROBE, at(), Dimensions.PROBE, id, took, recovery));
    complete(serverUserId, null);
    wake(now + settings.heartbeatInterval().toMillis());
  }

  private void ping(long now) {
    UpstreamLink l = link;
    if (l == null) {
      return;
    }
    pingId++;
    pingSentAt = now;
    phase = Phase.AWAIT_PONG;
    wake(now + settings.heartbeatTimeout().toMillis());
    l.send(new Frame.Ping(pingId));
  }

  /** Token refused or unobtainable: refresh and retry while the guard allows, else stay. */
  private void tokenIncorrect(int code) {
    long now = now();
    transition(ConnectionStatus.TOKEN_INCORRECT, code);
    refreshToken = true;
    long window = settings.tokenRefreshWindow().toMillis();
    if (refreshWindowStart == Long.MIN_VALUE || now - refreshWindowStart >= window) {
      refreshWindowStart = now;
      refreshes = 0;
    }
    if (refreshes < settings.maxTokenRefreshes()) {
      scheduleRetry(now);
      return;
    }
    engine.publish(
        new TokenFailure(EventSource.PROBE, at(), Dimensions.PROBE, "refresh_exhausted"));
    complete(
        null,
        new ConnectError(
            code,
            "token refused and "
                + settings.maxTokenRefreshes()
                + " refreshes used in this window: check the token provider of group "
                + settings.group()));
    // The guard bounds refreshes per window; the next window may try again.
    phase = Phase.WAITING_RETRY;
    wake(refreshWindowStart + window);
  }

  private void failRetry(ConnectionStatus next, int code) {
    long now = now();
    if (connected()) {
      droppedAt = now;
    }
    closeLink();
    transition(next, code);
    scheduleRetry(now);
  }

  private void scheduleRetry(long now) {
    attempt++;
    reconnects++;
    Duration delay = settings.policy().delay(attempt, shard.random());
    engine.publish(
        new ReconnectAttempt(EventSource.PROBE, at(), Dimensions.PROBE, id, attempt, delay));
    phase = Phase.WAITING_RETRY;
    wake(now + delay.toMillis());
  }

  private void terminal(ConnectionStatus next, int code, String message) {
    closeLink();
    phase = Phase.IDLE;
    shard.wheel().cancel(this);
    transition(next, code);
    complete(null, new ConnectError(code, message));
  }

  private boolean connected() {
    return phase == Phase.CONNECTED || phase == Phase.AWAIT_PONG;
  }

  private void closeLink() {
    attemptGen++;
    UpstreamLink l = link;
    link = null;
    if (l != null) {
      l.close();
    }
  }

  /** Schedules the next wake-up, never later than the connect timeout while not connected. */
  private void wake(long due) {
    if (giveUpAt > 0 && !connected()) {
      due = Math.min(due, giveUpAt);
    }
    if (due == Long.MAX_VALUE) {
      shard.wheel().cancel(this);
    } else {
      shard.wheel().schedule(this, due);
    }
  }

  private void complete(String user, ConnectError error) {
    CompletionHandler h = onDone;
    onDone = null;
    onDatabase = null;
    if (h != null) {
      h.completed(user, error);
    }
  }

  private void transition(ConnectionStatus next, int errorCode) {
    ConnectionStatus previous = status;
    if (previous == next) {
      return;
    }
    status = next;
    sinceMillis = now();
    engine.publish(
        new StatusChanged(
            EventSource.PROBE, at(), Dimensions.PROBE, id, userId, previous, next, errorCode));
    for (StatusListener l : listeners) {
      l.changed(next, errorCode);
    }
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == shard.context()) {
      action.run();
    } else {
      shard.context().runOnContext(v -> action.run());
    }
  }

  private long now() {
    return engine.clock().millis();
  }

  private Instant at() {
    return engine.clock().instant();
  }
}
