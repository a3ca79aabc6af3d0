package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.transport.Frame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
public final class ProbeConnection {
  private static final StatusListener[] NO_LISTENERS = new StatusListener[0];

  private final String userId;
  private final String group;
  private final int device;
  private final ProbeShard shard;
  private final ProbeRuntime runtime;
  private final ProbeMachine machine;
  private volatile ConnectionStatus status;
  private volatile long sinceMillis;
  private volatile int reconnects;
  private volatile StatusListener[] listeners = NO_LISTENERS;
  private volatile MessageListener messageListener;

  ProbeConnection(
      int device, String userId, ProbeSettings settings, ProbeRuntime runtime, ProbeShard shard) {
    this.device = device;
    this.userId = userId;
    this.group = settings.group();
    this.shard = shard;
    this.runtime = runtime;
    this.sinceMillis = runtime.now();
    this.machine = new ProbeMachine(this, settings, runtime, shard);
  }

  /**
   * The connection id, {@code group/userId}, with {@code #2}, {@code #3}... for further devices of
   * the same user. Built on demand: a stored id would cost heap on every idle probe.
   */
  public String id() {
    return device == 0 ? group + "/" + userId : group + "/" + userId + "#" + (device + 1);
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
   * Connects: opens the local database (when configured), fires {@code onDb}, then connects and
   * fires {@code done} once, with the user id or the error that ended the attempt. Either handler
   * may be null.
   */
  public void connect(ConnectParams p, DatabaseOpenedHandler onDb, CompletionHandler done) {
    onContext(() -> machine.start(p, onDb, done));
  }

  /**
   * Signs out: ends in {@code sign_out} at once, tells the server, closes the socket, and makes no
   * further reconnects. The future completes when the socket is closed.
   */
  public Future<Void> disconnect() {
    Promise<Void> closed = Promise.promise();
    onContext(() -> machine.signOut(closed));
    return closed.future();
  }

  /**
   * Receives delivered messages; set it before connecting so that the connection offers the {@code
   * messages} feature.
   */
  public void messageListener(MessageListener listener) {
    this.messageListener = listener;
  }

  MessageListener messageListener() {
    return messageListener;
  }

  /** The user id this connection signs in as. */
  public String user() {
    return userId;
  }

  /**
   * Sends {@code message} on the live session, on the connection's context; {@code notSent} runs
   * there when the connection is not connected or its server did not grant {@code messages}.
   */
  public void sendMessage(Frame.Send message, Runnable notSent) {
    onContext(
        () -> {
          if (!machine.sendMessage(message) && notSent != null) {
            notSent.run();
          }
        });
  }

  /** A point-in-time view, safe to serialize. */
  public ProbeSnapshot snapshot() {
    return new ProbeSnapshot(
        id(), userId, group, status, Instant.ofEpochMilli(sinceMillis), reconnects);
  }

  String userId() {
    return userId;
  }

  void countReconnect() {
    reconnects++;
  }

  void transition(ConnectionStatus next, int errorCode) {
    ConnectionStatus previous = status;
    if (previous == next) {
      return;
    }
    status = next;
    sinceMillis = runtime.now();
    runtime.events().status(id(), userId, previous, next, errorCode);
    for (StatusListener l : listeners) {
      l.changed(next, errorCode);
    }
  }

  void onContext(Runnable action) {
    if (Vertx.currentContext() == shard.context()) {
      action.run();
    } else {
      shard.context().runOnContext(v -> action.run());
    }
  }
}
