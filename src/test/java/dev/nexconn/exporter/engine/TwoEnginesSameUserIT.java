package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.token.ServerApiTokenProvider;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two exporter processes with the same config (two engines, same group and user) against one
 * server: each engine is its own device, so the second connect kicks the first with 31010, which
 * stays kicked. With a shared device id they silently replaced each other's socket forever.
 */
class TwoEnginesSameUserIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theSecondProcessKicksTheFirstInsteadOfAReconnectLoop() throws Exception {
    EmulatorVerticle emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, "it-key", "it-secret"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    List<ConnectionEvent> first = new CopyOnWriteArrayList<>();
    List<ConnectionEvent> second = new CopyOnWriteArrayList<>();
    ConnectionEngine a = engine(emulator, first, 1);
    ConnectionEngine b = engine(emulator, second, 2);
    assertThat(a.instanceId()).hasSize(8).isNotEqualTo(b.instanceId());

    ProbeConnection pa = a.connect(settings(emulator), "alice", ConnectParams.of(null), null, null);
    await().atMost(WAIT).until(() -> pa.status() == CONNECTED);
    ProbeConnection pb = b.connect(settings(emulator), "alice", ConnectParams.of(null), null, null);

    await()
        .atMost(WAIT)
        .alias("first process kicked, statuses " + first)
        .until(() -> pa.status() == KICKED_OFFLINE_BY_OTHER_CLIENT && pb.status() == CONNECTED);
    StatusChanged last = (StatusChanged) first.get(first.size() - 1);
    assertThat(last.to()).isEqualTo(KICKED_OFFLINE_BY_OTHER_CLIENT);
    assertThat(last.errorCode()).isEqualTo(31010);
    // Terminal: for a while after the kick, neither side reconnects and neither status changes;
    // the event counts only grow, so one reconnect or status change makes the condition false for
    // good and the wait fails at atMost instead of passing after a fixed sleep.
    int firstEvents = first.size();
    int secondEvents = second.size();
    await()
        .during(Duration.ofMillis(800))
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .alias("both processes stay put, statuses " + first + " / " + second)
        .until(
            () ->
                pa.status() == KICKED_OFFLINE_BY_OTHER_CLIENT
                    && pb.status() == CONNECTED
                    && first.size() == firstEvents
                    && second.size() == secondEvents
                    && first.stream().noneMatch(ReconnectAttempt.class::isInstance)
                    && second.stream().noneMatch(ReconnectAttempt.class::isInstance));
  }

  private ConnectionEngine engine(
      EmulatorVerticle emulator, List<ConnectionEvent> sink, long seed) {
    EventBus bus = new EventBus();
    bus.subscribe(sink::add);
    ConnectionEngine engine =
        new ConnectionEngine(
            vertx,
            NettyWebSocketTransport.create(
                vertx,
                URI.create("ws://127.0.0.1:" + emulator.port() + "/v1/connect"),
                null,
                null,
                Duration.ofSeconds(2)),
            bus,
            Clock.systemUTC(),
            new SplittableRandom(seed));
    engine.initialize(EngineOptions.defaults().withTick(Duration.ofMillis(10), 1));
    return engine;
  }

  private ProbeSettings settings(EmulatorVerticle emulator) {
    return ProbeSettings.defaults(
        "it",
        new ServerApiTokenProvider(
            WebClient.create(vertx),
            URI.create("http://127.0.0.1:" + emulator.port()),
            "it-key",
            "it-secret",
            Clock.systemUTC(),
            new SplittableRandom(5)));
  }
}
