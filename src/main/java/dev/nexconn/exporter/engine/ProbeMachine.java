package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectFailureReason;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.SdkErrorCode;
import dev.nexconn.exporter.event.TokenFailure.Reason;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.ProtocolCodes;
import dev.nexconn.exporter.transport.UpstreamLink;
import dev.nexconn.exporter.transport.UpstreamUnreachableException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The state machine behind a {@link ProbeConnection}: phases, the reconnect loop, the connect
 * timeout, token refresh with its guard, the database step and the heartbeat, all driven by the
 * shard's {@link DeadlineWheel} and confined to the shard's context. The transition table is in
 * {@code docs/engine.md}.
 */
final class ProbeMachine extends WheelEntry {

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

  private final ProbeConnection conn;
  private final ProbeSettings settings;
  private final ProbeRuntime runtime;
  private final ProbeShard shard;
  private Phase phase = Phase.IDLE;
  private ConnectParams params;
  private String token;
  private boolean refreshToken;
  private DatabaseOpenedHandler onDatabase;
  private CompletionHandler onDone;
  private ProbeSession session;
  private int attempt;
  private int attemptGen;
  private boolean everConnected;
  private long connectCalledAt;
  private long attemptStartedAt;
  private long droppedAt = -1;
  private long giveUpAt;
  private int refreshes;
  private long refreshWindowStart = Long.MIN_VALUE;

  ProbeMachine(
      ProbeConnection conn, ProbeSettings settings, ProbeRuntime runtime, ProbeShard shard) {
    this.conn = conn;
    this.settings = settings;
    this.runtime = runtime;
    this.shard = shard;
  }

  void signOut(Promise<Void> closed) {
    phase = Phase.IDLE;
    shard.wheel().cancel(this);
    attemptGen++;
    ProbeSession s = session;
    session = null;
    transition(ConnectionStatus.SIGN_OUT, 0);
    complete(null, new ConnectError(SdkErrorCode.SIGNED_OUT.code(), "signed out before connected"));
    Future<Void> told = s == null ? Future.succeededFuture() : s.signOut();
    told.onComplete(ar -> closed.tryComplete());
  }

  void start(ConnectParams p, DatabaseOpenedHandler onDb, CompletionHandler done) {
    if (phase != Phase.IDLE) {
      if (done != null) {
        done.completed(
            null,
            new ConnectError(
                SdkErrorCode.ALREADY_CONNECTING.code(), "already connecting or connected"));
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
    Path dir = settings.databaseDir();
    if (dir == null) {
      requestSlot();
      return;
    }
    phase = Phase.DATABASE;
    wake(Long.MAX_VALUE);
    String appKey = runtime.options().appKey();
    shard
        .context()
        .executeBlocking(() -> ProbeDatabase.open(dir, conn.userId(), appKey), false)
        .onComplete(ar -> onContext(() -> databaseOpened(gen, ar)));
  }

  private void databaseOpened(int gen, AsyncResult<ProbeDatabase.Outcome> ar) {
    if (gen != attemptGen) {
      return;
    }
    boolean recreated = ar.succeeded() && ar.result().recreated();
    ConnectError error =
        ar.succeeded()
            ? null
            : new ConnectError(
                SdkErrorCode.DATABASE_ERROR.code(),
                "local database failed ("
                    + ar.cause().getClass().getSimpleName()
                    + "): check that the database dir is writable");
    runtime.events().database(recreated, error == null ? 0 : error.code());
    DatabaseOpenedHandler h = onDatabase;
    onDatabase = null;
    if (h != null) {
      h.opened(recreated, error);
    }
    requestSlot();
  }

  @Override
  void onDue(long now) {
    if (giveUpAt > 0 && now >= giveUpAt && !connected() && phase != Phase.IDLE) {
      terminal(
          ConnectionStatus.TIMEOUT,
          SdkErrorCode.CONNECT_TIMEOUT.code(),
          "no connection within " + params.timeout() + " s (ConnectParams.timeout)");
      return;
    }
    switch (phase) {
      case WAITING_RETRY -> requestSlot();
      case WAITING_SLOT -> startWithinCap(now);
      // Still opening: the transport's own deadline reports the phase it hung in (linkReady).
      case OPENING -> failRetry(ConnectionStatus.SUSPEND, SdkErrorCode.CONNACK_TIMEOUT.code());
      case AWAIT_CONNACK -> {
        traceFailure(ConnectFailureReason.CONNACK_TIMEOUT);
        failRetry(ConnectionStatus.SUSPEND, SdkErrorCode.CONNACK_TIMEOUT.code());
      }
      case CONNECTED -> {
        phase = Phase.AWAIT_PONG;
        wake(now + settings.heartbeatTimeout().toMillis());
        session.ping(now);
      }
      case AWAIT_PONG -> failRetry(ConnectionStatus.SUSPEND, SdkErrorCode.PING_TIMEOUT.code());
      default -> {}
    }
  }

  private void requestSlot() {
    long now = now();
    long admit = runtime.options().connectRate().admitAt(now);
    if (admit > now) {
      phase = Phase.WAITING_SLOT;
      wake(admit);
    } else {
      startWithinCap(now);
    }
  }

  /** Starts the attempt if the cap allows a start now (a late waker may find it spent). */
  private void startWithinCap(long now) {
    ConnectRateLimiter cap = runtime.options().connectRate();
    if (cap.tryStart(now)) {
      open();
    } else {
      phase = Phase.WAITING_SLOT;
      wake(cap.nextStartAt(now));
    }
  }

  private void open() {
    long now = now();
    phase = Phase.OPENING;
    attemptStartedAt = now;
    int gen = ++attemptGen;
    if (conn.status() != ConnectionStatus.NETWORK_UNAVAILABLE) {
      transition(ConnectionStatus.CONNECTING, 0);
    }
    wake(now + runtime.options().connAckTimeout().toMillis());
    boolean refresh = refreshToken;
    Future<String> tokenFuture;
    if (token != null && !refresh) {
      tokenFuture = Future.succeededFuture(token);
    } else {
      if (refresh) {
        rollRefreshWindow(now);
      }
      tokenFuture = settings.tokens().token(conn.userId(), refresh);
    }
    tokenFuture.onComplete(ar -> onContext(() -> tokenReady(gen, refresh, ar)));
  }

  private void tokenReady(int gen, boolean refresh, AsyncResult<String> ar) {
    if (gen != attemptGen) {
      // A late token is still a valid one: keep it so the next attempt does not fetch again.
      if (ar.succeeded() && !refreshToken) {
        token = ar.result();
      }
      return;
    }
    if (refresh) {
      runtime.events().tokenRefresh(ar.succeeded());
      // Only a refresh that brought a token counts against the guard: the guard stops a loop of
      // refused tokens, and a fetch that failed (endpoint down) had nothing refused. Counting it
      // would let a token-server outage use the guard up and strand the next refusal.
      if (ar.succeeded()) {
        refreshes++;
      }
    }
    if (ar.failed()) {
      runtime.events().tokenFetchFailed(settings.group(), ar.cause());
      // The token endpoint failed (down, throttled), the upstream refused nothing: a temporary
      // suspension retried on the reconnect schedule. Reporting token_incorrect here would feed
      // the token-expiry alerts and use up the refresh guard during a token-endpoint outage.
      failRetry(ConnectionStatus.SUSPEND, SdkErrorCode.TOKEN_FETCH_FAILED.code());
      return;
    }
    token = ar.result();
    refreshToken = false;
    runtime.transport().open().onComplete(opened -> onContext(() -> linkReady(gen, opened)));
  }

  private void linkReady(int gen, AsyncResult<UpstreamLink> opened) {
    if (opened.failed() && opened.cause() instanceof UpstreamUnreachableException u) {
      // Published even for an attempt the engine gave up on: the connack deadline ended it in
      // OPENING, and this is where the open really stopped.
      if (u.failure() != null) {
        runtime.events().attempt(conn.id(), u.trace(), null, ConnectTraces.reason(u.failure()));
      }
    }
    if (gen != attemptGen) {
      if (opened.succeeded()) {
        opened.result().close();
      }
    } else if (opened.failed()) {
      if (opened.cause() instanceof UpstreamUnreachableException u && u.viaProxy()) {
        terminal(
            ConnectionStatus.PROXY_UNAVAILABLE,
            SdkErrorCode.PROXY_UNAVAILABLE.code(),
            "proxy unavailable: check upstream.proxy, then connect again");
      } else {
        failRetry(ConnectionStatus.NETWORK_UNAVAILABLE, SdkErrorCode.NETWORK_UNAVAILABLE.code());
      }
    } else {
      session = new ProbeSession(this, opened.result(), now());
      phase = Phase.AWAIT_CONNACK;
      session.sendConnect(token, everConnected, params.reconnectKickEnable());
    }
  }

  void onConnAck(ProbeSession from, int code, String serverUserId) {
    if (from != session || phase != Phase.AWAIT_CONNACK) {
      return;
    }
    if (code != ProtocolCodes.OK) {
      traceFailure(ConnectFailureReason.CONNACK_CODE);
      ended(statusFor(code), code);
      return;
    }
    long now = now();
    runtime
        .events()
        .attempt(
            conn.id(),
            session.takeTrace(),
            Duration.ofMillis(Math.max(0, now - session.openedAt())),
            null);
    Duration took = Duration.ofMillis(now - (everConnected ? attemptStartedAt : connectCalledAt));
    Duration recovery = droppedAt >= 0 ? Duration.ofMillis(now - droppedAt) : null;
    phase = Phase.CONNECTED;
    attempt = 0;
    giveUpAt = 0;
    everConnected = true;
    droppedAt = -1;
    transition(ConnectionStatus.CONNECTED, 0);
    runtime.events().completed(conn.id(), took, recovery);
    complete(serverUserId == null ? conn.userId() : serverUserId, null);
    wake(now + settings.heartbeatInterval().toMillis());
  }

  void onServerDisconnect(ProbeSession from, int code) {
    if (from == session) {
      if (phase == Phase.AWAIT_CONNACK) {
        traceFailure(ConnectFailureReason.CONNACK_CODE);
      }
      ended(statusFor(code), code);
    }
  }

  boolean wantsMessages() {
    return conn.messageListener() != null;
  }

  /** Sends through the live session; false when there is none or it lacks {@code messages}. */
  boolean sendMessage(Frame.Send message) {
    return session != null
        && (phase == Phase.CONNECTED || phase == Phase.AWAIT_PONG)
        && session.sendMessage(message);
  }

  void onDeliver(Frame.Deliver d) {
    MessageListener l = conn.messageListener();
    if (l != null) {
      l.delivered(conn, d);
    }
  }

  /** A message from the upstream was refused: counted and logged by reason, never quoted. */
  void onFrameRejected(FrameRejectReason reason, String detail) {
    runtime.events().frameRejected(conn.id(), settings.group(), reason, detail);
  }

  void onPong(ProbeSession from, long sentAt) {
    if (from != session || phase != Phase.AWAIT_PONG) {
      return;
    }
    long now = now();
    runtime.events().heartbeat(conn.id(), Duration.ofMillis(Math.max(0, now - sentAt)));
    phase = Phase.CONNECTED;
    wake(now + settings.heartbeatInterval().toMillis());
  }

  void onSessionClosed(ProbeSession closed) {
    if (closed == session) {
      if (phase == Phase.AWAIT_CONNACK) {
        traceFailure(ConnectFailureReason.CONNACK_CLOSED);
      }
      failRetry(ConnectionStatus.SUSPEND, SdkErrorCode.CONNECTION_RESET.code());
    }
  }

  /** The attempt of the current session failed before or at its connack. */
  private void traceFailure(ConnectFailureReason reason) {
    runtime.events().attempt(conn.id(), session == null ? null : session.takeTrace(), null, reason);
  }

  /** What a server's code means to a probe; a code the SDK does not define is {@code unknown}. */
  private static ConnectionStatus statusFor(int code) {
    return SdkErrorCode.statusOf(code, Platform.PROBE).orElse(ConnectionStatus.UNKNOWN);
  }

  private void ended(ConnectionStatus next, int code) {
    if (next == ConnectionStatus.TOKEN_INCORRECT) {
      // A live session ended for its token is a drop too: its reconnect is a recovery.
      droppedAt = connected() ? now() : droppedAt;
      closeSession();
      runtime
          .events()
          .tokenFailure(Reason.of(ConnectionStatus.TOKEN_INCORRECT, code).orElseThrow());
      tokenIncorrect(code);
    } else if (next.retries()) {
      failRetry(next, code);
    } else {
      terminal(next, code, "connection ended by the server with code " + code);
    }
  }

  /** Token refused or unobtainable: refresh and retry while the guard allows, else stay. */
  private void tokenIncorrect(int code) {
    long now = now();
    transition(ConnectionStatus.TOKEN_INCORRECT, code);
    refreshToken = true;
    rollRefreshWindow(now);
    if (refreshes < settings.maxTokenRefreshes()) {
      scheduleRetry(now);
      return;
    }
    ConnectError exhausted =
        new ConnectError(
            code,
            "token refused and all "
                + settings.maxTokenRefreshes()
                + " refreshes of this window used: check the token provider of group "
                + settings.group());
    runtime.events().refreshExhausted(settings.group(), exhausted);
    complete(null, exhausted);
    // The guard bounds refreshes per window; the next window may try again.
    phase = Phase.WAITING_RETRY;
    wake(refreshWindowStart + settings.tokenRefreshWindow().toMillis());
  }

  private void rollRefreshWindow(long now) {
    if (refreshWindowStart == Long.MIN_VALUE
        || now - refreshWindowStart >= settings.tokenRefreshWindow().toMillis()) {
      refreshWindowStart = now;
      refreshes = 0;
    }
  }

  private void failRetry(ConnectionStatus next, int code) {
    long now = now();
    if (connected()) {
      droppedAt = now;
    }
    closeSession();
    transition(next, code);
    scheduleRetry(now);
  }

  private void scheduleRetry(long now) {
    attempt++;
    conn.countReconnect();
    Duration delay = settings.policy().delay(attempt, shard.random());
    runtime.events().reconnect(conn.id(), attempt, delay);
    phase = Phase.WAITING_RETRY;
    wake(now + delay.toMillis());
  }

  private void terminal(ConnectionStatus next, int code, String message) {
    closeSession();
    phase = Phase.IDLE;
    shard.wheel().cancel(this);
    transition(next, code);
    runtime.events().ended(settings.group(), next, code, message);
    complete(null, new ConnectError(code, message));
  }

  private boolean connected() {
    return phase == Phase.CONNECTED || phase == Phase.AWAIT_PONG;
  }

  private void closeSession() {
    attemptGen++;
    ProbeSession s = session;
    session = null;
    if (s != null) {
      s.close();
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
    conn.transition(next, errorCode);
  }

  void onContext(Runnable action) {
    conn.onContext(action);
  }

  String deviceId() {
    return runtime.instanceId() + "/" + conn.id();
  }

  private long now() {
    return runtime.now();
  }
}
