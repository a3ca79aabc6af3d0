package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTING;
import static dev.nexconn.exporter.event.ConnectionStatus.DISCONN_EXCEPTION;
import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static dev.nexconn.exporter.event.ConnectionStatus.TOKEN_INCORRECT;
import static dev.nexconn.exporter.event.ConnectionStatus.UNKNOWN;
import static dev.nexconn.exporter.event.ConnectionStatus.USER_ABANDON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.ExporterApp;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.HeartbeatMeasured;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import dev.nexconn.exporter.metrics.EventMetrics;
import dev.nexconn.exporter.metrics.LabelLimits;
import dev.nexconn.exporter.support.ContractCheckingProxy;
import dev.nexconn.exporter.support.ManualClock;
import dev.nexconn.exporter.support.PrometheusText;
import dev.nexconn.exporter.support.SignedApiClient;
import dev.nexconn.exporter.token.ServerApiTokenProvider;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every status the emulator can cause through its Server API and admin API, on real loopback
 * sockets: ban, soft-delete, token expiry (one user and an app-wide lifetime wave), an unmapped
 * connack code, and a corrupt local database seen by the whole sidecar. The emulator runs on a
 * {@link ManualClock} so that token lifetimes and faults end when the test says, not after a wait;
 * the probes keep the system clock for their heartbeats and reconnect waits (a fixed 50 ms step).
 * The second device ({@code kicked_offline_by_other_client}) is in {@link EngineEmulatorIT}.
 */
class EmulatorCausedStatusIT {
  private static final String KEY = "it-key";
  private static final String SECRET = "it-secret";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String DB_OPENED = "nexconn_database_opened_total";

  /** What a status listener saw: the status and the error code behind it. */
  private record Seen(ConnectionStatus status, int code) {}

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(Instant.now());
  private final EventBus bus = new EventBus();
  private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private EmulatorVerticle emulator;
  private SignedApiClient api;
  private ContractCheckingProxy contractProxy;
  private WebClient admin;
  private ConnectionEngine engine;
  private ProbeSettings settings;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    bus.subscribe(events::add);
    EventMetrics metrics = new EventMetrics(LabelLimits.DEFAULT);
    metrics.bindTo(registry);
    bus.subscribe(metrics::onEvent);
    emulator = new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, KEY, SECRET), clock);
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    api = new SignedApiClient(vertx, emulator.port(), KEY, SECRET, clock);
    admin = WebClient.create(vertx);
    URI upstream = URI.create("ws://127.0.0.1:" + emulator.port() + EmulatorVerticle.CONNECT_PATH);
    engine =
        new ConnectionEngine(
            vertx,
            NettyWebSocketTransport.create(vertx, upstream, null, null, Duration.ofSeconds(2)),
            bus,
            Clock.systemUTC(),
            new SplittableRandom(11));
    engine.initialize(EngineOptions.defaults().withTick(Duration.ofMillis(10), 2));
    // The token provider reaches the emulator through a proxy that checks both sides against the
    // vendor's definition.
    contractProxy = ContractCheckingProxy.start(vertx, emulator.port());
    ServerApiTokenProvider tokens =
        new ServerApiTokenProvider(
            WebClient.create(vertx),
            contractProxy.url(),
            KEY,
            SECRET,
            clock,
            new SplittableRandom(5));
    settings =
        ProbeSettings.defaults("it", tokens)
            .withPolicy(new ReconnectPolicy(List.of(Duration.ofMillis(50)), false))
            // A generous pong timeout: a GC pause on a loaded CI machine must not look like a drop.
            .withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws Exception {
    assertThat(contractProxy.problems()).as("Server API contract").isEmpty();
    engine.stop(Duration.ofSeconds(1)).await(5, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aBanCutsTheLiveSessionWithoutRetriesAndRefusesTheNextConnect() throws Exception {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    ProbeConnection c = listened("banned", seen);
    c.connect(ConnectParams.of(null), null, null);
    awaitStatus(c, CONNECTED);

    SignedApiClient.Reply ban =
        api.post(
            "/v4/user/ban",
            new JsonObject()
                .put("userIds", new JsonArray().add("banned"))
                .put("durationMinutes", 10));
    assertThat(ban.code()).as(ban.body().encode()).isZero();
    awaitStatus(c, DISCONN_EXCEPTION);
    assertThat(seen).last().isEqualTo(new Seen(DISCONN_EXCEPTION, 31011));
    assertNoRetry(c, DISCONN_EXCEPTION);

    CompletableFuture<ConnectError> done = new CompletableFuture<>();
    c.connect(ConnectParams.of(null), null, (user, error) -> done.complete(error));
    assertThat(done.get(10, TimeUnit.SECONDS).code()).isEqualTo(31009);
    assertThat(seen)
        .containsExactly(
            new Seen(CONNECTING, 0),
            new Seen(CONNECTED, 0),
            new Seen(DISCONN_EXCEPTION, 31011),
            new Seen(CONNECTING, 0),
            new Seen(DISCONN_EXCEPTION, 31009));
    assertNoRetry(c, DISCONN_EXCEPTION);
    assertThat(events).filteredOn(ReconnectAttempt.class::isInstance).isEmpty();
  }

  @Test
  void aSoftDeletedUserIsAbandonedAndStaysSo() throws Exception {
    String token = api.issue("gone");
    List<Seen> seen = new CopyOnWriteArrayList<>();
    ProbeConnection c = listened("gone", seen);
    c.connect(ConnectParams.of(token), null, null);
    awaitStatus(c, CONNECTED);

    SignedApiClient.Reply deleted =
        api.post(
            "/v4/user/soft-delete", new JsonObject().put("userIds", new JsonArray().add("gone")));
    assertThat(deleted.code()).as(deleted.body().encode()).isZero();
    awaitStatus(c, USER_ABANDON);
    assertThat(seen).last().isEqualTo(new Seen(USER_ABANDON, 31029));
    assertNoRetry(c, USER_ABANDON);

    CompletableFuture<ConnectError> done = new CompletableFuture<>();
    c.connect(ConnectParams.of(token), null, (user, error) -> done.complete(error));
    assertThat(done.get(10, TimeUnit.SECONDS).code()).isEqualTo(31029);
    assertThat(seen).last().isEqualTo(new Seen(USER_ABANDON, 31029));
    assertThat(events).filteredOn(ReconnectAttempt.class::isInstance).isEmpty();
  }

  @Test
  void anExpiredTokenKeepsTheLiveSessionAndIsRefreshedAfterADrop() throws Exception {
    ProbeConnection c = engine.connect(settings, "expiring", ConnectParams.of(null), null, null);
    awaitStatus(c, CONNECTED);

    clock.advance(Duration.ofSeconds(1));
    SignedApiClient.Reply expired =
        api.post(
            "/v4/auth/access-token/expire",
            new JsonObject()
                .put("userIds", new JsonArray().add("expiring"))
                .put("expiresAt", clock.millis()));
    assertThat(expired.code()).as(expired.body().encode()).isZero();
    int before = events.size();
    await()
        .atMost(WAIT)
        .alias("a heartbeat answered on the live session after the expiry")
        .until(() -> since(before, HeartbeatMeasured.class).size() >= 2);
    assertThat(since(before, StatusChanged.class)).isEmpty();
    assertThat(c.status()).isEqualTo(CONNECTED);

    assertThat(adminPost("faults/drop", new JsonObject()).getInteger("affected")).isEqualTo(1);
    await()
        .atMost(WAIT)
        .alias("back to connected: " + statuses(c))
        .until(() -> statuses(c).size() >= 7 && c.status() == CONNECTED);
    assertThat(statuses(c))
        .containsExactly(
            CONNECTING, CONNECTED, SUSPEND, CONNECTING, TOKEN_INCORRECT, CONNECTING, CONNECTED);
    assertThat(codeOf(c, TOKEN_INCORRECT)).isEqualTo(31020);
    assertThat(since(0, TokenFailure.class))
        .extracting(f -> f.reason().label())
        .containsExactly("expired");
    assertThat(since(0, TokenRefresh.class))
        .extracting(r -> r.outcome().label())
        .containsExactly("success");
  }

  @Test
  void anAppTokenLifetimeEndingIsATokenExpiryWaveThatEveryProbeRecoversFrom() throws Exception {
    adminPost("token-lifetime", new JsonObject().put("seconds", 60));
    List<String> users = List.of("w1", "w2", "w3", "w4");
    engine.addGroup(settings, users, ConnectParams.of(null));
    engine.start();
    await().atMost(WAIT).until(() -> connectedCount() == users.size());

    clock.advance(Duration.ofSeconds(61));
    assertThat(emulator.sessionCount()).as("live sessions outlive their tokens").isEqualTo(4);
    assertThat(adminPost("faults/drop", new JsonObject()).getInteger("affected")).isEqualTo(4);
    await()
        .atMost(WAIT)
        .alias("every probe refreshed and reconnected")
        .until(
            () ->
                connectedCount() == users.size()
                    && events.stream().filter(TokenRefresh.class::isInstance).count() == 4);
    assertThat(since(0, StatusChanged.class))
        .filteredOn(s -> s.to() == TOKEN_INCORRECT)
        .allMatch(s -> s.errorCode() == 31020, "refused with 31020 (token expired)")
        .extracting(StatusChanged::userId)
        .containsExactlyInAnyOrderElementsOf(users);
    assertThat(series("nexconn_token_failures_total", "reason", "expired")).isEqualTo(4.0);
    assertThat(series("nexconn_token_refreshes_total", "outcome", "success")).isEqualTo(4.0);
  }

  @Test
  void anUnmappedConnackCodeIsUnknownAndRetriedUntilTheFaultLifts() throws Exception {
    ProbeConnection c = engine.connect(settings, "odd", ConnectParams.of(null), null, null);
    awaitStatus(c, CONNECTED);

    adminPost("faults/refuse", new JsonObject().put("seconds", 600).put("code", 39_999));
    assertThat(
            adminPost("faults/close", new JsonObject().put("closeCode", 4000))
                .getInteger("affected"))
        .isEqualTo(1);
    await()
        .atMost(WAIT)
        .alias("two refusals seen as unknown: " + statuses(c))
        .until(() -> statuses(c).stream().filter(s -> s == UNKNOWN).count() >= 2);
    assertThat(codeOf(c, SUSPEND)).as("an abnormal close is a reset").isEqualTo(32054);
    assertThat(codeOf(c, UNKNOWN)).isEqualTo(39_999);
    assertThat(statuses(c).subList(0, 6))
        .containsExactly(CONNECTING, CONNECTED, SUSPEND, CONNECTING, UNKNOWN, CONNECTING);

    clock.advance(Duration.ofSeconds(601));
    awaitStatus(c, CONNECTED);
    assertThat(events)
        .filteredOn(ReconnectAttempt.class::isInstance)
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(series("nexconn_connection_status_transitions_total", "to", "unknown"))
        .isGreaterThanOrEqualTo(2.0);
  }

  @Test
  void aCorruptProbeDatabaseIsRecreatedAndCountedOnTheSidecarsMetrics() throws Exception {
    Path db = dir.resolve("db");
    ExporterApp first = sidecar(db);
    await()
        .atMost(WAIT)
        .until(() -> probeSeries(first, "nexconn_connections", "status", "connected") == 1.0);
    assertThat(probeSeries(first, DB_OPENED, "recreated", "false")).isEqualTo(1.0);
    assertThat(probeSeries(first, DB_OPENED, "recreated", "true")).isZero();
    first.stop().await(5, TimeUnit.SECONDS);

    Path file = db.resolve("db-probe.db");
    assertThat(file).exists();
    byte[] garbage = new byte[4096];
    new SplittableRandom(3).nextBytes(garbage);
    Files.write(file, garbage);

    ExporterApp second = sidecar(db);
    await()
        .atMost(WAIT)
        .until(() -> probeSeries(second, "nexconn_connections", "status", "connected") == 1.0);
    assertThat(probeSeries(second, DB_OPENED, "recreated", "true")).isEqualTo(1.0);
    assertThat(probeSeries(second, DB_OPENED, "recreated", "false")).isZero();
    second.stop().await(5, TimeUnit.SECONDS);
  }

  /** The sidecar of {@code EmulatorCausedStatusIT/sidecar.yaml}: one probe with a database. */
  private ExporterApp sidecar(Path db) throws Exception {
    String base = "127.0.0.1:" + emulator.port();
    Map<String, String> env =
        Map.of(
            "UPSTREAM_URL",
            "ws://" + base + EmulatorVerticle.CONNECT_PATH,
            "SERVER_API_URL",
            "http://" + base,
            "APP_SECRET",
            SECRET,
            "DB_DIR",
            db.toString());
    Path yaml = Path.of(getClass().getResource("/EmulatorCausedStatusIT/sidecar.yaml").toURI());
    return ExporterApp.start(vertx, ConfigLoader.load(yaml, env::get), env::get)
        .await(10, TimeUnit.SECONDS);
  }

  /** A probe series of the sidecar's own registry, as its /metrics shows it. */
  private static double probeSeries(ExporterApp app, String name, String label, String value) {
    return PrometheusText.value(app.registry().scrape(), name, "source", "probe", label, value);
  }

  /** A connection with a status listener that records every change, added before connecting. */
  private ProbeConnection listened(String user, List<Seen> seen) {
    ProbeConnection c = engine.connection(settings, user);
    c.addStatusListener((status, code) -> seen.add(new Seen(status, code)));
    return c;
  }

  /** Stays in {@code status} with no new connect: a 50 ms retry step would show in 500 ms. */
  private void assertNoRetry(ProbeConnection c, ConnectionStatus status) {
    long attempts = connectAttempts();
    int changes = statuses(c).size();
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .alias(c.id() + " stays in " + status + " without connecting again")
        .until(
            () ->
                c.status() == status
                    && connectAttempts() == attempts
                    && statuses(c).size() == changes);
  }

  /** WebSocket upgrades the emulator has seen. */
  private long connectAttempts() {
    return emulator.control().stats().getLong("connectAttempts");
  }

  /** A series of the probes' metrics, as a /metrics scrape shows it ({@code source=probe}). */
  private double series(String name, String label, String value) {
    return PrometheusText.value(registry.scrape(), name, "source", "probe", label, value);
  }

  private JsonObject adminPost(String path, JsonObject body) throws Exception {
    var r =
        admin
            .post(emulator.adminPort(), "127.0.0.1", "/admin/v1/" + path)
            .sendJsonObject(body)
            .await(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private long connectedCount() {
    return engine.snapshot().stream().filter(s -> s.status() == CONNECTED).count();
  }

  private <T extends ConnectionEvent> List<T> since(int index, Class<T> type) {
    return events.subList(index, events.size()).stream()
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private List<StatusChanged> changes(ProbeConnection c) {
    return events.stream()
        .filter(e -> e instanceof StatusChanged s && s.connectionId().equals(c.id()))
        .map(StatusChanged.class::cast)
        .toList();
  }

  private List<ConnectionStatus> statuses(ProbeConnection c) {
    return changes(c).stream().map(StatusChanged::to).toList();
  }

  /** The error code of the first change of {@code c} into {@code status}. */
  private int codeOf(ProbeConnection c, ConnectionStatus status) {
    return changes(c).stream()
        .filter(s -> s.to() == status)
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.id() + " never reached " + status))
        .errorCode();
  }

  private void awaitStatus(ProbeConnection c, ConnectionStatus s) {
    await()
        .atMost(WAIT)
        .alias(c.id() + " to reach " + s + ", statuses so far " + statuses(c))
        .until(() -> c.status() == s);
  }
}
