package dev.nexconn.exporter.support;

import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.engine.ConnectRateLimiter;
import dev.nexconn.exporter.engine.ConnectionEngine;
import dev.nexconn.exporter.engine.EngineOptions;
import dev.nexconn.exporter.engine.ProbeConnection;
import dev.nexconn.exporter.engine.ProbeSettings;
import dev.nexconn.exporter.engine.ReconnectPolicy;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.token.TokenProvider;
import dev.nexconn.exporter.transport.UpstreamTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * An engine on a real Vert.x instance driven by a manual clock: the wheel's own timer ticks once an
 * hour, so deadlines fire only when a test calls {@link #advance}. Events are recorded.
 */
public final class EngineHarness implements AutoCloseable {
  public final Vertx vertx = Vertx.vertx();
  public final ManualClock clock = new ManualClock(Instant.ofEpochMilli(1_000_000));
  public final EventBus bus = new EventBus();
  public final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
  public final ConnectionEngine engine;
  public final AtomicInteger tokensIssued = new AtomicInteger();

  public EngineHarness(UpstreamTransport transport) {
    this(transport, ConnectRateLimiter.unlimited());
  }

  public EngineHarness(UpstreamTransport transport, ConnectRateLimiter cap) {
    bus.subscribe(events::add);
    engine = new ConnectionEngine(vertx, transport, bus, clock, new SplittableRandom(7));
    engine.initialize(
        EngineOptions.defaults()
            .withConnectRate(cap)
            .withTick(Duration.ofHours(1), 1)
            .withAppKey("app-key-1"));
  }

  /** A token provider that hands out {@code token-1}, {@code token-2}, ... */
  public TokenProvider countingTokens() {
    return (userId, refresh) -> Future.succeededFuture("token-" + tokensIssued.incrementAndGet());
  }

  /** Settings with un-jittered SDK schedule, 15 s / 6 s heartbeat, 2 refreshes per 5 min. */
  public ProbeSettings settings() {
    return ProbeSettings.defaults("g", countingTokens())
        .withPolicy(ReconnectPolicy.sdkDefault(false))
        .withTokenRefreshGuard(2, Duration.ofMinutes(5));
  }

  /** Moves the clock and fires what is due. */
  public void advance(Duration d) {
    clock.advance(d);
    join(engine.sweep());
  }

  /** The status sequence of {@code c} so far. */
  public List<ConnectionStatus> statuses(ProbeConnection c) {
    return events.stream()
        .filter(e -> e instanceof StatusChanged s && s.connectionId().equals(c.id()))
        .map(e -> ((StatusChanged) e).to())
        .toList();
  }

  /** Events of one type. */
  public <T extends ConnectionEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits (bounded) until {@code c} is in {@code status}. */
  public void awaitStatus(ProbeConnection c, ConnectionStatus status) {
    awaitTrue(() -> c.status() == status);
  }

  /** Waits (bounded, polling) for a condition. */
  public void awaitTrue(BooleanSupplier condition) {
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(2))
        .until(condition::getAsBoolean);
  }

  /** Lets queued context tasks run. */
  public void drain() {
    join(engine.sweep());
    join(engine.sweep());
  }

  /** Waits (bounded) for a future; its failure becomes an AssertionError. */
  public <T> T join(Future<T> f) {
    try {
      return f.await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  @Override
  public void close() {
    join(vertx.close());
  }
}
