package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.token.TokenProvider;
import dev.nexconn.exporter.transport.UpstreamTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Owns the probe connections: creates them, starts them spread over the event loops, lists them,
 * and signs them all out on shutdown.
 *
 * <pre>{@code
 * ConnectionEngine engine = new ConnectionEngine(vertx, transport, policy, bus, clock, random);
 * engine.addGroup("default", List.of("probe-1"), tokenProvider);
 * engine.start();
 * }</pre>
 */
public final class ConnectionEngine {
  private final Vertx vertx;
  private final UpstreamTransport transport;
  private final ReconnectPolicy policy;
  private final EventBus bus;
  private final Clock clock;
  private final RandomGenerator random;
  private final List<ProbeConnection> probes = new ArrayList<>();
  private volatile boolean started;

  public ConnectionEngine(
      Vertx vertx,
      UpstreamTransport transport,
      ReconnectPolicy policy,
      EventBus bus,
      Clock clock,
      RandomGenerator random) {
    this.vertx = vertx;
    this.transport = transport;
    this.policy = policy;
    this.bus = bus;
    this.clock = clock;
    this.random = random;
  }

  /** Adds a probe per user of the group; call before {@link #start()}. */
  public synchronized void addGroup(String group, List<String> userIds, TokenProvider tokens) {
    if (started) {
      throw new IllegalStateException("addGroup must be called before start");
    }
    for (String userId : userIds) {
      String id = group + "/" + userId;
      probes.add(
          new ProbeConnection(
              id,
              userId,
              group,
              vertx.getOrCreateContext(),
              transport,
              tokens,
              policy,
              bus,
              clock,
              random));
    }
  }

  /** Starts every probe connecting. */
  public synchronized void start() {
    started = true;
    probes.forEach(ProbeConnection::start);
  }

  /** True once {@link #start()} has run. */
  public boolean started() {
    return started;
  }

  /** A snapshot of every probe, in creation order. */
  public synchronized List<ProbeSnapshot> snapshot() {
    return probes.stream().map(ProbeConnection::snapshot).toList();
  }

  /**
   * Signs every probe out. The future completes when all have signed out or when {@code grace} has
   * passed, whichever is first; it never fails.
   */
  public Future<Void> stop(Duration grace) {
    List<Future<Void>> all;
    synchronized (this) {
      all = new ArrayList<>();
      for (ProbeConnection p : probes) {
        all.add(p.disconnect());
      }
    }
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    long timer = vertx.setTimer(Math.max(1, grace.toMillis()), t -> done.tryComplete());
    Future.join(all)
        .onComplete(
            ar -> {
              vertx.cancelTimer(timer);
              done.tryComplete();
            });
    return done.future();
  }
}
