package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTING;
import static dev.nexconn.exporter.event.ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT;
import static dev.nexconn.exporter.event.ConnectionStatus.NETWORK_UNAVAILABLE;
import static dev.nexconn.exporter.event.ConnectionStatus.PROXY_UNAVAILABLE;
import static dev.nexconn.exporter.event.ConnectionStatus.SIGN_OUT;
import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static dev.nexconn.exporter.event.ConnectionStatus.TIMEOUT;
import static dev.nexconn.exporter.event.ConnectionStatus.TOKEN_INCORRECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.event.ConnectCompleted;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenRefresh;
import dev.nexconn.exporter.support.ConnectProxy;
import dev.nexconn.exporter.token.ServerApiTokenProvider;
import dev.nexconn.exporter.token.TokenProvider;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import dev.nexconn.exporter.transport.NettyWebSocketTransport.ProxySpec;
import dev.nexconn.exporter.transport.UpstreamTransport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against the emulator on real loopback sockets, for every status it can cause. */
class EngineEmulatorIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final Vertx vertx = Vertx.vertx();
  private final EventBus bus = new EventBus();
  private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
  private EmulatorVerticle emulator;
  private TokenProvider tokens;

  @BeforeEach
  void startEmulator() throws Exception {
    bus.subscribe(events::add);
    emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, "it-key", "it-secret"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    tokens =
        new ServerApiTokenProvider(
            WebClient.create(vertx),
            URI.create("http://127.0.0.1:" + emulator.port()),
            "it-key",
            "it-secret",
            Clock.systemUTC(),
            new SplittableRandom(5));
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private ConnectionEngine engine(UpstreamTransport transport) {
    ConnectionEngine engine =
        new ConnectionEngine(vertx, transport, bus, Clock.systemUTC(), new SplittableRandom(9));
    engine.initialize(EngineOptions.defaults().withTick(Duration.ofMillis(10), 2));
    return engine;
  }

  private UpstreamTransport direct() {
    return transport(URI.create("ws://127.0.0.1:" + emulator.port() + "/v1/connect"), null);
  }

  private UpstreamTransport transport(URI url, ProxySpec proxy) {
    return NettyWebSocketTransport.create(vertx, url, null, proxy, Duration.ofSeconds(2));
  }

  private ProbeSettings settings(String group) {
    return ProbeSettings.defaults(group, tokens);
  }

  private List<ConnectionStatus> statuses(ProbeConnection c) {
    return events.stream()
        .filter(e -> e instanceof StatusChanged s && s.connectionId().equals(c.id()))
        .map(e -> ((StatusChanged) e).to())
        .toList();
  }

  private void awaitStatus(ProbeConnection c, ConnectionStatus s) {
    await()
        .atMost(WAIT)
        .alias(c.id() + " to reach " + s + ", statuses so far " + statuses(c))
        .until(() -> c.status() == s);
  }

  @Test
  void aProbeWithAServerApiTokenConnectsAndRecoversFromADrop() {
    ProbeConnection c =
        engine(direct()).connect(settings("it"), "alice", ConnectParams.of(null), null, null);
    awaitStatus(c, CONNECTED);
    assertThat(emulator.dropAllConnections()).isEqualTo(1);
    await()
        .atMost(WAIT)
        .alias("5 statuses: " + statuses(c))
        .until(() -> statuses(c).size() >= 5 && c.status() == CONNECTED);
    assertThat(statuses(c)).containsExactly(CONNECTING, CONNECTED, SUSPEND, CONNECTING, CONNECTED);
    List<ConnectCompleted> completed =
        events.stream()
            .filter(ConnectCompleted.class::isInstance)
            .map(ConnectCompleted.class::cast)
            .toList();
    assertThat(completed).hasSize(2);
    assertThat(completed.get(0).recovery()).isNull();
    assertThat(completed.get(1).recovery()).isNotNull().isLessThan(WAIT);
  }

  @Test
  void aStaleTokenIsRefreshedFromTheServerApi() {
    ProbeConnection c =
        engine(direct()).connect(settings("it"), "alice", ConnectParams.of("stale@nx"), null, null);
    awaitStatus(c, CONNECTED);
    assertThat(statuses(c)).containsExactly(CONNECTING, TOKEN_INCORRECT, CONNECTING, CONNECTED);
    assertThat(events).filteredOn(TokenRefresh.class::isInstance).hasSize(1);
  }

  @Test
  void reconnectKickEnableFalseKicksTheOtherDevice() {
    ProbeConnection[] ab = twoDevicesWhereAReconnects(false);
    awaitStatus(ab[1], KICKED_OFFLINE_BY_OTHER_CLIENT);
    awaitStatus(ab[0], CONNECTED);
  }

  @Test
  void reconnectKickEnableTrueGetsTheReconnectingDeviceKicked() {
    ProbeConnection[] ab = twoDevicesWhereAReconnects(true);
    awaitStatus(ab[0], KICKED_OFFLINE_BY_OTHER_CLIENT);
    assertThat(ab[1].status()).isEqualTo(CONNECTED);
    assertThat(emulator.sessionCount()).isEqualTo(1);
  }

  /** A connects, is dropped, waits 1.5 s; B (same user) connects meanwhile; A reconnects. */
  private ProbeConnection[] twoDevicesWhereAReconnects(boolean kick) {
    ConnectionEngine engine = engine(direct());
    ProbeSettings slow =
        settings("it").withPolicy(new ReconnectPolicy(List.of(Duration.ofMillis(1500)), false));
    ConnectParams params = ConnectParams.of(null).withReconnectKickEnable(kick);
    ProbeConnection a = engine.connect(slow, "carol", params, null, null);
    awaitStatus(a, CONNECTED);
    emulator.dropAllConnections();
    awaitStatus(a, SUSPEND);
    ProbeConnection b = engine.connect(slow, "carol", params, null, null);
    awaitStatus(b, CONNECTED);
    await().atMost(WAIT).alias("4 statuses: " + statuses(a)).until(() -> statuses(a).size() >= 4);
    return new ProbeConnection[] {a, b};
  }

  @Test
  void anUnreachableUpstreamIsNetworkUnavailableAndAPositiveTimeoutEndsInTimeout()
      throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ProbeConnection c =
        engine(transport(URI.create("ws://127.0.0.1:" + closedPort + "/v1/connect"), null))
            .connect(settings("it"), "dave", ConnectParams.of(null).withTimeout(1), null, null);
    awaitStatus(c, TIMEOUT);
    // The listener may see the last change a moment after the status reads it.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(statuses(c)).containsExactly(CONNECTING, NETWORK_UNAVAILABLE, TIMEOUT));
  }

  @Test
  void anUnreachableProxyIsProxyUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ProxySpec proxy = new ProxySpec(true, "127.0.0.1", closedPort, null, null);
    ProbeConnection c =
        engine(transport(URI.create("ws://127.0.0.1:" + emulator.port() + "/v1/connect"), proxy))
            .connect(settings("it"), "erin", ConnectParams.of(null), null, null);
    awaitStatus(c, PROXY_UNAVAILABLE);
  }

  @Test
  void aRefusingHttpProxyIsProxyUnavailableAndAWorkingOneTunnels() throws Exception {
    int refusing = new ConnectProxy(vertx, true).start().await(5, TimeUnit.SECONDS);
    ProxySpec bad = new ProxySpec(false, "127.0.0.1", refusing, null, null);
    URI url = URI.create("ws://127.0.0.1:" + emulator.port() + "/v1/connect");
    ProbeConnection refused =
        engine(transport(url, bad))
            .connect(settings("it"), "frank", ConnectParams.of(null), null, null);
    awaitStatus(refused, PROXY_UNAVAILABLE);

    ConnectProxy working = new ConnectProxy(vertx, false);
    int port = working.start().await(5, TimeUnit.SECONDS);
    ProxySpec good = new ProxySpec(false, "127.0.0.1", port, null, null);
    ProbeConnection tunneled =
        engine(transport(url, good))
            .connect(settings("it"), "gina", ConnectParams.of(null), null, null);
    awaitStatus(tunneled, CONNECTED);
    assertThat(working.tunnels()).isEqualTo(1);
  }

  @Test
  void stopSignsEveryProbeOutWithinTheGrace() throws Exception {
    ConnectionEngine engine = engine(direct());
    engine.addGroup(settings("fleet"), List.of("p1", "p2", "p3"), ConnectParams.of(null));
    engine.start();
    await().atMost(WAIT).until(() -> emulator.sessionCount() == 3);
    engine.stop(Duration.ofSeconds(2)).await(5, TimeUnit.SECONDS);
    assertThat(engine.snapshot()).extracting(ProbeSnapshot::status).containsOnly(SIGN_OUT);
    await().atMost(WAIT).until(() -> emulator.sessionCount() == 0);
  }
}
