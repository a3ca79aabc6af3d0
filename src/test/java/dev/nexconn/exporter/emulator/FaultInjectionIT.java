package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.EmulatorProbeGroup;
import dev.nexconn.exporter.support.NoBlockedThreads;
import dev.nexconn.exporter.support.SignedApiClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each fault of the admin API against the real probe engine: the engine's published statuses show
 * the fault and the recovery. Two probes, a fixed 100 ms reconnect step, bounded waits.
 */
@ExtendWith(NoBlockedThreads.class)
class FaultInjectionIT {
  private static final String KEY = "k";
  private static final String SECRET = "s";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private Vertx vertx;
  private EmulatorVerticle emulator;
  private EmulatorProbeGroup probes;
  private WebClient admin;
  private final List<StatusChanged> statuses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, KEY, SECRET), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    admin = WebClient.create(vertx);
    SignedApiClient api =
        new SignedApiClient(vertx, emulator.port(), KEY, SECRET, Clock.systemUTC());
    Map<String, String> tokens = Map.of("p1", api.issue("p1"), "p2", api.issue("p2"));
    EventBus bus = new EventBus();
    bus.subscribe(
        e -> {
          if (e instanceof StatusChanged s) {
            statuses.add(s);
          }
        });
    probes =
        EmulatorProbeGroup.start(
            vertx,
            URI.create("ws://127.0.0.1:" + emulator.port() + EmulatorVerticle.CONNECT_PATH),
            tokens,
            bus);
    awaitConnectedCount(1);
  }

  @AfterEach
  void stop() throws Exception {
    probes.stop();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private JsonObject post(String path, JsonObject body) throws Exception {
    var r =
        admin
            .post(emulator.adminPort(), "127.0.0.1", "/admin/v1/" + path)
            .sendJsonObject(body)
            .await(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private long count(String user, ConnectionStatus status) {
    return statuses.stream().filter(s -> s.userId().equals(user) && s.to() == status).count();
  }

  private void awaitConnectedCount(int n) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                count("p1", ConnectionStatus.CONNECTED) >= n
                    && count("p2", ConnectionStatus.CONNECTED) >= n);
  }

  @Test
  void droppedAndAbnormallyClosedSessionsAreReconnected() throws Exception {
    assertThat(post("faults/drop", new JsonObject().put("percent", 100)).getInteger("affected"))
        .isEqualTo(2);
    awaitConnectedCount(2);
    assertThat(post("faults/close", new JsonObject().put("closeCode", 1011)).getInteger("affected"))
        .isEqualTo(2);
    awaitConnectedCount(3);
    assertThat(count("p1", ConnectionStatus.CONNECTING)).isGreaterThanOrEqualTo(3);
  }

  @Test
  void refusedConnectsAreSeenUntilTheFaultLifts() throws Exception {
    post("faults/refuse", new JsonObject().put("seconds", 2));
    post("faults/drop", new JsonObject());
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.stream()
                    .anyMatch(s -> s.errorCode() == 30011 && s.to() != ConnectionStatus.CONNECTED));
    awaitConnectedCount(2);
  }

  @Test
  void restartAndProxyFailureInterruptThenRecover() throws Exception {
    post("faults/restart", new JsonObject().put("downSeconds", 1));
    awaitConnectedCount(2);
    post("faults/proxy-failure", new JsonObject().put("seconds", 2));
    post("faults/drop", new JsonObject());
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.stream()
                    .anyMatch(
                        s ->
                            s.to() == ConnectionStatus.NETWORK_UNAVAILABLE
                                || s.to() == ConnectionStatus.PROXY_UNAVAILABLE));
    awaitConnectedCount(3);
  }

  @Test
  void latencyDelaysTheConnectAck() throws Exception {
    post("faults/latency", new JsonObject().put("millis", 400).put("seconds", 30));
    int before = statuses.size();
    post("faults/drop", new JsonObject());
    awaitConnectedCount(2);
    List<StatusChanged> after = statuses.subList(before, statuses.size());
    StatusChanged down =
        after.stream().filter(s -> s.userId().equals("p1")).findFirst().orElseThrow();
    StatusChanged up =
        after.stream()
            .filter(s -> s.userId().equals("p1") && s.to() == ConnectionStatus.CONNECTED)
            .findFirst()
            .orElseThrow();
    assertThat(Duration.between(down.at(), up.at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void halfOpenSocketsAreDetectedByTheHeartbeat() throws Exception {
    int before = statuses.size();
    post("faults/half-open", new JsonObject().put("seconds", 3));
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.subList(before, statuses.size()).stream()
                    .anyMatch(
                        s -> s.userId().equals("p1") && s.to() != ConnectionStatus.CONNECTED));
    awaitConnectedCount(2);
  }
}
