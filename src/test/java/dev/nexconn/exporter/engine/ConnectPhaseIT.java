package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.event.ConnectAttemptTraced;
import dev.nexconn.exporter.event.ConnectFailureReason;
import dev.nexconn.exporter.event.ConnectPhase;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.http.ConnectionBoard;
import dev.nexconn.exporter.http.HttpServerVerticle;
import dev.nexconn.exporter.metrics.EventMetrics;
import dev.nexconn.exporter.metrics.LabelLimits;
import dev.nexconn.exporter.support.TestCertificates;
import dev.nexconn.exporter.token.StaticTokenProvider;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import dev.nexconn.exporter.transport.HostResolver;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each connect phase failing for real on loopback, seen on {@code nexconn_connect_failures_total}
 * and {@code /api/v1/connections}, and a {@code wss://} connect through an injected resolver that
 * records every phase and the certificate expiry gauges. No test resolves a name over the network:
 * the resolver knows one name and answers every other with {@link UnknownHostException}.
 */
class ConnectPhaseIT {
  private static final String GOOD_NAME = "nexconn-upstream.test";
  private final Vertx vertx = Vertx.vertx();
  private final EventBus bus = new EventBus();
  private final List<ConnectAttemptTraced> traces = new CopyOnWriteArrayList<>();
  private final List<String> looked = new CopyOnWriteArrayList<>();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConnectionBoard board = new ConnectionBoard();
  private final List<Socket> fillers = new ArrayList<>();
  private final HostResolver resolver =
      host -> {
        looked.add(host);
        return GOOD_NAME.equals(host)
            ? Future.succeededFuture(InetAddress.getLoopbackAddress())
            : Future.failedFuture(new UnknownHostException(host + ": no such name (test)"));
      };
  @TempDir Path dir;

  @BeforeEach
  void sinks() {
    EventMetrics metrics = new EventMetrics(LabelLimits.DEFAULT);
    metrics.bindTo(registry);
    bus.subscribe(metrics::onEvent);
    bus.subscribe(board::onEvent);
    bus.subscribe(
        e -> {
          if (e instanceof ConnectAttemptTraced t) {
            traces.add(t);
          }
        });
  }

  @AfterEach
  void close() throws Exception {
    for (Socket s : fillers) {
      s.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aRefusedPortFailsInTcpAndTheConnectionsApiSaysSo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ProbeConnection probe = connect(URI.create("ws://127.0.0.1:" + port + "/v1/connect"), null);
    assertFailedOnce(ConnectFailureReason.TCP_REFUSED);
    assertThat(probe.status()).isEqualTo(ConnectionStatus.NETWORK_UNAVAILABLE);

    HttpServerVerticle http =
        new HttpServerVerticle("127.0.0.1", 0, registry, board, List.of(), r -> {});
    vertx.deployVerticle(http).await(10, TimeUnit.SECONDS);
    JsonObject body =
        WebClient.create(vertx)
            .get(http.actualPort(), "127.0.0.1", "/api/v1/connections")
            .send()
            .await(10, TimeUnit.SECONDS)
            .bodyAsJsonObject();
    JsonObject entry = body.getJsonArray("connections").getJsonObject(0);
    assertThat(entry.getString("status")).isEqualTo("network_unavailable");
    assertThat(entry.getInteger("lastErrorCode")).isEqualTo(30002);
    assertThat(entry.getString("lastFailurePhase")).isEqualTo("tcp");
    assertThat(entry.getString("lastFailureReason")).isEqualTo("tcp_refused");
    assertThat(scrape())
        .contains("nexconn_connect_failures_total{phase=\"tcp\",reason=\"tcp_refused\"} 1.0");
  }

  @Test
  void aSilentPortWhoseBacklogIsFullTimesOutInTcp() throws Exception {
    ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    // Linux queues backlog+1 connections and then drops further SYNs: fill the queue until a
    // connect hangs, so the probe's SYN goes unanswered like a black-holed port.
    for (int i = 0; i < 6; i++) {
      Socket s = new Socket();
      fillers.add(s);
      try {
        s.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), 300);
      } catch (SocketTimeoutException full) {
        break;
      }
    }
    fillers.add(new Socket());
    try {
      connect(URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/v1/connect"), null);
      assertFailedOnce(ConnectFailureReason.TCP_TIMEOUT);
    } finally {
      silent.close();
    }
  }

  @Test
  void aSelfSignedCertificateIsUntrusted() throws Exception {
    int port = wssServer(TestCertificates.selfSigned(dir).serverOptions(), ws -> {});
    connect(URI.create("wss://127.0.0.1:" + port + "/v1/connect"), null);
    assertFailedOnce(ConnectFailureReason.TLS_UNTRUSTED);
  }

  @Test
  void aTrustedCertificateForAnotherNameFailsTheHostNameCheck() throws Exception {
    TestCertificates certs = TestCertificates.chain(dir, null, 2, "SAN=dns:" + GOOD_NAME, 2);
    int port = wssServer(certs.serverOptions(), ws -> {});
    connect(URI.create("wss://127.0.0.1:" + port + "/v1/connect"), certs.caPem());
    assertFailedOnce(ConnectFailureReason.TLS_HOSTNAME);
  }

  @Test
  void aNameThatDoesNotResolveFailsInDnsWithoutAnyLookupOffTheMachine() {
    connect(URI.create("ws://nexconn-upstream.invalid:9/v1/connect"), null);
    assertFailedOnce(ConnectFailureReason.DNS_NXDOMAIN);
    assertThat(looked).containsOnly("nexconn-upstream.invalid");
  }

  @Test
  void anUpgradeAnsweredWith502FailsInTheWebSocketUpgrade() throws Exception {
    EmulatorVerticle emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, "k", "s"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    emulator.control().proxyFailure(Duration.ofSeconds(60), 502);
    connect(URI.create("ws://127.0.0.1:" + emulator.port() + "/v1/connect"), null);
    assertFailedOnce(ConnectFailureReason.WS_UPGRADE_STATUS);
  }

  @Test
  void aConnackThatNeverComesTimesOutInTheConnackPhase() throws Exception {
    int port =
        vertx
            .createHttpServer()
            .webSocketHandler(ws -> ws.textMessageHandler(text -> {}))
            .listen(0, "127.0.0.1")
            .await(5, TimeUnit.SECONDS)
            .actualPort();
    ProbeConnection probe = connect(URI.create("ws://127.0.0.1:" + port + "/v1/connect"), null);
    assertFailedOnce(ConnectFailureReason.CONNACK_TIMEOUT);
    assertThat(probe.status()).isEqualTo(ConnectionStatus.SUSPEND);
    assertThat(traces.get(0).phases()).containsOnlyKeys(ConnectPhase.TCP, ConnectPhase.WS_UPGRADE);
  }

  @Test
  void aRefusingConnackFailsWithItsCodeAndKeepsTheSeedStatus() throws Exception {
    int port =
        vertx
            .createHttpServer()
            .webSocketHandler(
                ws ->
                    ws.textMessageHandler(
                        t ->
                            ws.writeTextMessage(
                                FrameCodec.encode(new Frame.ConnAck(31009, null, null)))))
            .listen(0, "127.0.0.1")
            .await(5, TimeUnit.SECONDS)
            .actualPort();
    ProbeConnection probe = connect(URI.create("ws://127.0.0.1:" + port + "/v1/connect"), null);
    assertFailedOnce(ConnectFailureReason.CONNACK_CODE);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> probe.status() == ConnectionStatus.DISCONN_EXCEPTION);
  }

  @Test
  void aWssConnectRecordsEveryPhaseAndTheChainExpiringInMinutes() throws Exception {
    // The CA started 1430 minutes ago and is valid one day: it expires in about 10 minutes; the
    // server certificate it signed is valid for two days.
    TestCertificates certs = TestCertificates.chain(dir, "-1430M", 1, "SAN=dns:" + GOOD_NAME, 2);
    int port =
        wssServer(
            certs.serverOptions(),
            ws ->
                ws.textMessageHandler(
                    t -> ws.writeTextMessage(FrameCodec.encode(new Frame.ConnAck(0, "u1", "s1")))));
    Instant before = Instant.now();
    ProbeConnection probe =
        connect(URI.create("wss://" + GOOD_NAME + ":" + port + "/v1/connect"), certs.caPem());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> probe.status() == ConnectionStatus.CONNECTED);

    assertThat(traces).hasSize(1);
    assertThat(traces.get(0).failure()).isNull();
    assertThat(traces.get(0).phases()).containsOnlyKeys(ConnectPhase.values());
    for (ConnectPhase p : ConnectPhase.values()) {
      assertThat(
              registry
                  .get("nexconn.connect.phase.duration")
                  .tag("phase", p.label())
                  .timer()
                  .count())
          .as(p.label())
          .isEqualTo(1);
    }
    double leaf = registry.get("nexconn.upstream.certificate.expiry.timestamp").gauge().value();
    double chain = registry.get("nexconn.upstream.chain.earliest.expiry.timestamp").gauge().value();
    double now = before.getEpochSecond();
    assertThat(chain - now).isBetween(8 * 60.0, 11 * 60.0);
    assertThat(leaf - now).isBetween(2 * 86400.0 - 120, 2 * 86400.0 + 120);
    assertThat(looked).containsOnly(GOOD_NAME);
    assertThat(registry.get("nexconn.connect.failures").counters())
        .allSatisfy(c -> assertThat(c.count()).isZero());
  }

  /**
   * One probe with one retry at most every 60 s, so exactly one attempt is seen. The open and the
   * connack deadline are 3 s each: long enough for a cold JVM's first TLS handshake on two shared
   * cores.
   */
  private ProbeConnection connect(URI url, Path ca) {
    NettyWebSocketTransport transport =
        NettyWebSocketTransport.create(vertx, url, ca, null, Duration.ofSeconds(3), resolver);
    ConnectionEngine engine =
        new ConnectionEngine(vertx, transport, bus, Clock.systemUTC(), new SplittableRandom(3));
    engine.initialize(
        EngineOptions.defaults()
            .withTick(Duration.ofMillis(10), 1)
            .withConnAckTimeout(Duration.ofSeconds(3)));
    ProbeSettings settings =
        ProbeSettings.defaults("phases", new StaticTokenProvider("t"))
            .withPolicy(new ReconnectPolicy(List.of(Duration.ofSeconds(60)), false));
    return engine.connect(settings, "u1", new ConnectParams(null, 0, false), null, null);
  }

  private void assertFailedOnce(ConnectFailureReason reason) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !traces.isEmpty());
    assertThat(traces).hasSize(1);
    assertThat(traces.get(0).failure()).isEqualTo(reason);
    for (ConnectFailureReason r : ConnectFailureReason.values()) {
      assertThat(
              registry
                  .get("nexconn.connect.failures")
                  .tags("phase", r.phase().label(), "reason", r.label())
                  .counter()
                  .count())
          .as(r.label())
          .isEqualTo(r == reason ? 1.0 : 0.0);
    }
    assertThat(board.entries())
        .singleElement()
        .extracting(ConnectionBoard.Entry::lastFailure)
        .isEqualTo(reason);
  }

  private int wssServer(HttpServerOptions options, Consumer<io.vertx.core.http.ServerWebSocket> ws)
      throws Exception {
    return vertx
        .createHttpServer(options)
        .webSocketHandler(ws::accept)
        .listen(0, "127.0.0.1")
        .await(5, TimeUnit.SECONDS)
        .actualPort();
  }

  private String scrape() {
    return registry.scrape();
  }
}
