package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.SdkErrorCode;
import dev.nexconn.exporter.transport.UpstreamTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The seed's {@code NCEngine} for probe connections: {@link #initialize} it, then {@link #connect}.
 * Connections are spread over a few shards (one event-loop context each, with one deadline wheel
 * and one periodic timer), so the engine's timer count does not grow with the probe count.
 *
 * <pre>{@code
 * ConnectionEngine engine = new ConnectionEngine(vertx, transport, bus, clock, random);
 * engine.initialize(EngineOptions.defaults());
 * engine.connect(settings, "probe-1", ConnectParams.of(null),
 *     (recreated, dbError) -> {}, (userId, error) -> {});
 * }</pre>
 */
public final class ConnectionEngine {
  private final Vertx vertx;
  private final UpstreamTransport transport;
  private final ProbeEvents events;
  private final Clock clock;
  private final RandomGenerator random;

  /** Groups and runs of caller-made connections, in creation order. */
  private final List<ProbeGroup> groups = new ArrayList<>();

  private final Map<String, Integer> idCounts = new HashMap<>();
  private volatile ProbeRuntime runtime;
  private List<ProbeShard> shards = List.of();
  private int nextShard;
  private volatile boolean started;

  /**
   * A group added by {@link #addGroup} (the parameters {@link #start()} connects it with, and its
   * connections), or a run of connections the caller made with {@link #connection} ({@code params}
   * null: the engine never connects them). Kept as one value so that a connection can only ever be
   * connected with its own group's parameters; the group's list is the only per-probe reference the
   * engine holds.
   */
  private record ProbeGroup(ConnectParams params, List<ProbeConnection> connections) {
    boolean byCaller() {
      return params == null;
    }
  }

  public ConnectionEngine(
      Vertx vertx, UpstreamTransport transport, EventBus bus, Clock clock, RandomGenerator random) {
    this.vertx = vertx;
    this.transport = transport;
    this.events = new ProbeEvents(bus, clock);
    this.clock = clock;
    this.random = random;
  }

  /**
   * Initializes the engine (the seed's {@code NCEngine.initialize}); required before any connect.
   *
   * @throws IllegalStateException when called twice
   */
  public synchronized void initialize(EngineOptions engineOptions) {
    if (runtime != null) {
      throw new IllegalStateException("engine already initialized");
    }
    List<ProbeShard> created = new ArrayList<>();
    for (int i = 0; i < engineOptions.shards(); i++) {
      ProbeShard shard =
          new ProbeShard(
              ((VertxInternal) vertx).createEventLoopContext(),
              engineOptions.tick(),
              clock,
              new SplittableRandom(random.nextLong()));
      shard.start();
      created.add(shard);
    }
    shards = List.copyOf(created);
    // Drawn after the shard seeds so that a seeded random keeps the same reconnect jitter.
    String instanceId = HexFormat.of().toHexDigits(random.nextInt());
    runtime = new ProbeRuntime(engineOptions, events, transport, clock, instanceId);
  }

  /**
   * This engine's id, 8 hex characters from the injected random, set by {@link #initialize}. Every
   * connect frame carries {@code instanceId/connectionId} as its device id, so two processes with
   * the same config are two devices to the server, not one device replacing its own socket.
   */
  public String instanceId() {
    ProbeRuntime r = runtime;
    return r == null ? null : r.instanceId();
  }

  /** True once {@link #initialize} has run. */
  public boolean initialized() {
    return runtime != null;
  }

  /**
   * A new, not yet connected connection for {@code userId}; a second connection of the same user in
   * the same group (a second device) gets the id suffix {@code #2}. {@link #start()} never connects
   * it: the caller does.
   *
   * @throws IllegalStateException (error 33001) when the engine is not initialized
   */
  public synchronized ProbeConnection connection(ProbeSettings settings, String userId) {
    requireInitialized();
    int n = idCounts.merge(settings.group() + "/" + userId, 1, Integer::sum);
    ProbeGroup last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
    if (last == null || !last.byCaller()) {
      last = new ProbeGroup(null, new ArrayList<>());
      groups.add(last);
    }
    ProbeConnection c = create(settings, userId, n - 1);
    last.connections().add(c);
    return c;
  }

  private void requireInitialized() {
    if (runtime == null) {
      throw new IllegalStateException(
          "engine not initialized (error "
              + SdkErrorCode.NOT_INITIALIZED.code()
              + "): call ConnectionEngine.initialize(options) before connect");
    }
  }

  private ProbeConnection create(ProbeSettings settings, String userId, int device) {
    ProbeShard shard = shards.get(nextShard++ % shards.size());
    return new ProbeConnection(device, userId, settings, runtime, shard);
  }

  /**
   * Creates a connection and connects it (the seed's {@code NCEngine.connect}).
   *
   * @throws IllegalStateException (error 33001) when the engine is not initialized
   */
  public ProbeConnection connect(
      ProbeSettings settings,
      String userId,
      ConnectParams params,
      DatabaseOpenedHandler onDatabase,
      CompletionHandler onDone) {
    ProbeConnection c = connection(settings, userId);
    c.connect(params, onDatabase, onDone);
    return c;
  }

  /**
   * Adds a group of probes that {@link #start()} connects with {@code params}; {@code params.token}
   * may be null (each probe asks its token provider). Added after {@link #start()}, the group is
   * connected at once. Returns the group's connections, not yet connected.
   */
  public synchronized List<ProbeConnection> addGroup(
      ProbeSettings settings, List<String> userIds, ConnectParams params) {
    requireInitialized();
    // Group ids skip the duplicate-id map: group user ids are unique, and the map would cost
    // heap per probe.
    List<ProbeConnection> connections = new ArrayList<>(userIds.size());
    for (String userId : userIds) {
      connections.add(create(settings, userId, 0));
    }
    ProbeGroup group =
        new ProbeGroup(Objects.requireNonNull(params, "params"), List.copyOf(connections));
    groups.add(group);
    if (started) {
      connect(group);
    }
    return group.connections();
  }

  /** Connects every probe added by {@link #addGroup}, each with its own group's parameters. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    groups.stream().filter(g -> !g.byCaller()).forEach(ConnectionEngine::connect);
  }

  private static void connect(ProbeGroup group) {
    for (ProbeConnection c : group.connections()) {
      c.connect(group.params(), null, null);
    }
  }

  /** The event bus the engine publishes to. */
  EventBus bus() {
    return events.bus();
  }

  /** True once {@link #start()} has run. */
  public boolean started() {
    return started;
  }

  /** A snapshot of every connection, in creation order. */
  public synchronized List<ProbeSnapshot> snapshot() {
    return groups.stream()
        .flatMap(g -> g.connections().stream())
        .map(ProbeConnection::snapshot)
        .toList();
  }

  /** Advances every shard's wheel to the clock's time now (tests drive a manual clock this way). */
  public Future<Void> sweep() {
    List<Future<Void>> all = new ArrayList<>();
    for (ProbeShard s : shards) {
      all.add(s.sweep());
    }
    return Future.all(all).mapEmpty();
  }

  /**
   * Signs every connection out. The future completes when all have signed out or when {@code grace}
   * has passed, whichever is first; it never fails.
   */
  public Future<Void> stop(Duration grace) {
    List<Future<Void>> all = new ArrayList<>();
    synchronized (this) {
      for (ProbeGroup g : groups) {
        for (ProbeConnection p : g.connections()) {
          all.add(p.disconnect());
        }
      }
    }
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, grace.toMillis()), t -> done.tryComplete());
    Future.join(all)
        .onComplete(
            ar -> {
              vertx.cancelTimer(timer);
              done.tryComplete();
            });
    return done.future().onComplete(ar -> shards.forEach(ProbeShard::stop));
  }
}
