package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.metrics.EventMetrics;
import dev.nexconn.exporter.metrics.LabelLimits;
import dev.nexconn.exporter.token.ServerApiMessageSender;
import dev.nexconn.exporter.token.ServerApiTokenProvider;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A probe pair against the emulator on loopback: each emulator message fault moves exactly the
 * counter it should, by exactly the number of messages it hit (two per tick, one each way).
 */
class MessageProbeIT {
  private static final Duration DEADLINE = Duration.ofMillis(1000);
  private final Vertx vertx = Vertx.vertx();
  private final EventBus bus = new EventBus();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private EmulatorVerticle emulator;
  private MessageProber prober;
  private ServerApiMessageSender serverApi;

  @BeforeEach
  void start() throws Exception {
    EventMetrics metrics = new EventMetrics(LabelLimits.DEFAULT);
    metrics.bindTo(registry);
    bus.subscribe(metrics::onEvent);
    emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, "it-key", "it-secret"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    ServerApiTokenProvider tokens =
        new ServerApiTokenProvider(
            WebClient.create(vertx),
            URI.create("http://127.0.0.1:" + emulator.port()),
            "it-key",
            "it-secret",
            Clock.systemUTC(),
            new SplittableRandom(5));
    serverApi =
        new ServerApiMessageSender(
            WebClient.create(vertx),
            URI.create("http://127.0.0.1:" + emulator.port()),
            "it-key",
            "it-secret",
            Clock.systemUTC(),
            new SplittableRandom(7));
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
            new SplittableRandom(9));
    engine.initialize(EngineOptions.defaults().withTick(Duration.ofMillis(10), 2));
    ProbeSettings settings = ProbeSettings.defaults("msg", tokens);
    ProbeConnection a = engine.connection(settings, "alice");
    ProbeConnection b = engine.connection(settings, "bob");
    prober = new MessageProber(List.of(a, b), 0, DEADLINE, bus, Clock.systemUTC());
    a.connect(ConnectParams.of(null), null, null);
    b.connect(ConnectParams.of(null), null, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> a.status() == CONNECTED);
    await().atMost(Duration.ofSeconds(10)).until(() -> b.status() == CONNECTED);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private long roundTrips() {
    return roundTrips("probe");
  }

  private long roundTrips(String path) {
    return registry.get("nexconn.message.roundtrip").tag("path", path).timer().count();
  }

  private long counter(String name) {
    return counter(name, "probe");
  }

  private long counter(String name, String path) {
    return (long) registry.get(name).tag("path", path).counter().count();
  }

  private long delayedByEmulator() {
    return emulator.control().stats().getJsonObject("messages").getLong("delayed");
  }

  private void tickAndAwaitRoundTrips(long expected) {
    prober.tick();
    await().atMost(Duration.ofSeconds(5)).until(() -> roundTrips() >= expected);
    assertThat(roundTrips()).isEqualTo(expected);
  }

  private void assertCounters(long lost, long duplicated, long outOfOrder, long late) {
    assertThat(counter("nexconn.messages.lost")).as("lost").isEqualTo(lost);
    assertThat(counter("nexconn.messages.duplicated")).as("duplicated").isEqualTo(duplicated);
    assertThat(counter("nexconn.messages.out.of.order")).as("out of order").isEqualTo(outOfOrder);
    assertThat(counter("nexconn.messages.late")).as("late").isEqualTo(late);
  }

  @Test
  void eachFaultMovesItsCounterByExactlyTheMessagesItHit() throws Exception {
    assertThat(prober.pairCount()).isEqualTo(1);
    tickAndAwaitRoundTrips(2);
    tickAndAwaitRoundTrips(4);
    assertCounters(0, 0, 0, 0);

    // drop 100% for one interval: both messages of that tick are lost, nothing else
    emulator.control().dropMessages(100, Duration.ofSeconds(60));
    prober.tick();
    Thread.sleep(DEADLINE.toMillis() + 100);
    emulator.control().clearFaults();
    tickAndAwaitRoundTrips(6);
    assertCounters(2, 0, 0, 0);

    // duplicate 100% for one interval: two duplicates, the originals are round trips
    emulator.control().duplicateMessages(100, Duration.ofSeconds(60));
    tickAndAwaitRoundTrips(8);
    await().atMost(Duration.ofSeconds(5)).until(() -> counter("nexconn.messages.duplicated") == 2);
    emulator.control().clearFaults();
    assertCounters(2, 2, 0, 0);

    // delay beyond the deadline: lost at the next tick, then late when they finally arrive
    emulator.control().delayMessages(Duration.ofMillis(2000), Duration.ofSeconds(60));
    prober.tick();
    Thread.sleep(DEADLINE.toMillis() + 100);
    emulator.control().clearFaults();
    tickAndAwaitRoundTrips(10);
    assertThat(counter("nexconn.messages.lost")).isEqualTo(4);
    await().atMost(Duration.ofSeconds(5)).until(() -> counter("nexconn.messages.late") == 2);
    assertCounters(4, 2, 0, 2);

    // delay within the deadline, then a prompt message: the delayed ones arrive out of order
    emulator.control().delayMessages(Duration.ofMillis(600), Duration.ofSeconds(60));
    prober.tick();
    // the sends travel asynchronously: lift the fault only once the emulator has held both back
    await().atMost(Duration.ofSeconds(5)).until(() -> delayedByEmulator() == 4);
    emulator.control().clearFaults();
    prober.tick();
    await().atMost(Duration.ofSeconds(5)).until(() -> roundTrips() >= 14);
    assertThat(roundTrips()).isEqualTo(14);
    assertCounters(4, 2, 2, 2);
  }

  @Test
  void serverApiMessagesAreRoundTripsOfTheirOwnPathAndADropHitsBothPaths() throws Exception {
    prober.withServerApi(serverApi::send);
    prober.tick();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> roundTrips("probe") == 2 && roundTrips("server_api") == 1);

    emulator.control().dropMessages(100, Duration.ofSeconds(60));
    prober.tick();
    // the Server API call is asynchronous too: wait until the emulator has dropped all three
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> emulator.control().stats().getJsonObject("messages").getLong("dropped") == 3);
    Thread.sleep(DEADLINE.toMillis() + 100);
    emulator.control().clearFaults();
    prober.tick();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> roundTrips("probe") == 4 && roundTrips("server_api") == 2);
    assertThat(counter("nexconn.messages.lost", "probe")).isEqualTo(2);
    assertThat(counter("nexconn.messages.lost", "server_api")).isEqualTo(1);
    assertThat(counter("nexconn.messages.late", "server_api")).isZero();
    assertThat(counter("nexconn.messages.duplicated", "server_api")).isZero();
  }
}
