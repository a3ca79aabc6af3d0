package dev.nexconn.exporter.token;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTING;
import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static dev.nexconn.exporter.event.ConnectionStatus.TOKEN_INCORRECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.ExporterApp;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.AppTokenServer;
import dev.nexconn.exporter.support.LogCapture;
import dev.nexconn.exporter.support.NoBlockedThreads;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probes' token server refusing connections while the engine runs: the sidecar (in this JVM)
 * runs four probes against the emulator with {@code token.type: app-server} pointing at a loopback
 * {@link AppTokenServer}, which issues tokens through the emulator's Server API. Once every probe
 * is connected, the token server's listening socket is closed (its port refuses connections), the
 * emulator expires every token and drops every session, so each probe's reconnect is refused with
 * 31020 and it must fetch a new token from a server that is not there.
 *
 * <p>Expected: one {@code token_incorrect} (31020) per probe from the upstream's refusal, then only
 * {@code connecting} / {@code suspend} 33100 while the server is down (a token that cannot be
 * fetched is not a refused token); {@code nexconn_token_failures_total{reason="fetch_failed"}} and
 * {@code nexconn_token_refreshes_total{outcome="failure"}} count the failed fetches; one WARN names
 * the endpoint and no token. Reopened on the same port, every probe is {@code connected} within the
 * reconnect schedule's longest step (1 s here, full jitter) plus a fetch and a connect. The failed
 * fetches did not use up the refresh guard (3 per 5 min): a second expiry right after is refreshed.
 */
@ExtendWith(NoBlockedThreads.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenServerDownIT {
  private static final String KEY = "tsd-app-key";
  private static final int PROBES = 4;
  private static final Duration LONGEST_STEP = Duration.ofSeconds(1);

  /** Longest reconnect wait, then a token fetch, a WebSocket open and a connack on loopback. */
  private static final Duration RECOVERY_BOUND = LONGEST_STEP.plusSeconds(3);

  private final Vertx vertx = Vertx.vertx();
  private final WebClient http = WebClient.create(vertx);
  private final String secret = EmulatorOptions.randomSecret();
  private final List<StatusChanged> changes = new CopyOnWriteArrayList<>();
  private final Map<String, Instant> connectedAt = new ConcurrentHashMap<>();
  private LogCapture logs;
  private EmulatorVerticle emulator;
  private AppTokenServer tokens;
  private ExporterApp app;

  @BeforeEach
  void start() throws Exception {
    logs = LogCapture.start();
    emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, KEY, secret), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    ServerApiTokenProvider serverApi =
        new ServerApiTokenProvider(
            http,
            java.net.URI.create("http://127.0.0.1:" + emulator.port()),
            KEY,
            secret,
            Clock.systemUTC(),
            new SplittableRandom(3));
    tokens = AppTokenServer.start(vertx, serverApi);
    String yaml =
        """
        http: {host: 127.0.0.1, port: 0}
        upstream: {url: "ws://127.0.0.1:%d%s"}
        alerting: {enabled: false}
        probes:
          groups:
            - name: tsd
              count: %d
              idPrefix: tsd-probe-
              token: {type: app-server, url: "%s"}
              database: {enabled: false}
              reconnect: {schedule: [50ms, 250ms, 500ms, 1s], jitter: true}
              tokenRefresh: {maxPerWindow: 3, window: 5m}
        shutdown: {grace: 1s}
        """
            .formatted(emulator.port(), EmulatorVerticle.CONNECT_PATH, PROBES, tokens.url());
    app =
        ExporterApp.start(vertx, ConfigLoader.parse(yaml, n -> null), n -> null)
            .await(10, TimeUnit.SECONDS);
    app.bus()
        .subscribe(
            e -> {
              if (e instanceof StatusChanged s && s.source() == EventSource.PROBE) {
                changes.add(s);
                if (s.to() == CONNECTED) {
                  connectedAt.put(s.userId(), Instant.now());
                }
              }
            });
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (app != null) {
        app.stop().await(10, TimeUnit.SECONDS);
      }
      vertx.close().await(10, TimeUnit.SECONDS);
    } finally {
      logs.close();
    }
  }

  @Test
  void probesSuspendWith33100WhileTheTokenServerRefusesAndReconnectOnceItIsBack() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> count("connected") == PROBES);
    assertThat(tokens.issued()).hasSize(PROBES);

    tokens.close();
    assertThatThrownBy(
            () -> {
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", tokens.port()), 1000);
              }
            })
        .as("the token server's port refuses connections")
        .isInstanceOf(ConnectException.class);
    int before = changes.size();
    assertThat(emulator.control().expireTokens(100)).isEqualTo(PROBES);
    assertThat(emulator.control().dropConnections(100, 1001)).isEqualTo(PROBES);

    // Each probe: dropped, refused with 31020, then fetch failures. Hold the outage until every
    // probe failed at least three fetches: more than the guard's 3 refreshes per window.
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> users().stream().allMatch(u -> fetchFailures(before, u) >= 3));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            this::connections,
            list ->
                list.stream()
                    .allMatch(
                        c ->
                            "suspend".equals(c.getString("status"))
                                && c.getInteger("lastErrorCode") == 33100));
    for (String user : users()) {
      List<StatusChanged> seen = since(before, user);
      assertThat(seen.stream().filter(s -> s.to() == TOKEN_INCORRECT))
          .as(user + ": refused once by the upstream (31020), never for the token server")
          .singleElement()
          .extracting(StatusChanged::errorCode)
          .isEqualTo(31020);
      int refused =
          seen.indexOf(seen.stream().filter(s -> s.to() == TOKEN_INCORRECT).findFirst().get());
      assertThat(seen.subList(refused + 1, seen.size()))
          .as(user + " after the refusal")
          .allMatch(s -> s.to() == CONNECTING || (s.to() == SUSPEND && s.errorCode() == 33100));
    }
    String during = app.registry().scrape();
    double fetchFailed = probe(during, "nexconn_token_failures_total", "reason", "fetch_failed");
    assertThat(fetchFailed).isGreaterThanOrEqualTo(3.0 * PROBES);
    assertThat(probe(during, "nexconn_token_failures_total", "reason", "expired"))
        .isEqualTo(PROBES);
    assertThat(probe(during, "nexconn_token_failures_total", "reason", "incorrect")).isZero();
    assertThat(probe(during, "nexconn_token_failures_total", "reason", "refresh_exhausted"))
        .isZero();
    assertThat(probe(during, "nexconn_token_refreshes_total", "outcome", "failure")).isPositive();
    assertThat(probe(during, "nexconn_token_refreshes_total", "outcome", "success")).isZero();
    List<String> warned =
        logs.lines().stream().filter(l -> l.contains("token_fetch_failed")).toList();
    assertThat(warned)
        .as("one WARN per minute and group")
        .singleElement()
        .asString()
        .startsWith("WARN")
        .contains("group=\"tsd\"", "status=\"suspend\"", "code=\"33100\"")
        .contains("app server token endpoint at " + tokens.url() + " refused the connection");
    assertNoTokenLogged();

    connectedAt.clear();
    tokens.reopen();
    Instant reopened = Instant.now();
    await()
        .atMost(RECOVERY_BOUND)
        .alias("every probe connected after the token server is back")
        .until(() -> connectedAt.size() == PROBES);
    System.out.printf(
        "TokenServerDownIT: %.0f fetch failures; connected after the reopen: %s%n",
        fetchFailed,
        connectedAt.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(
                e -> e.getKey() + "=" + Duration.between(reopened, e.getValue()).toMillis() + " ms")
            .collect(Collectors.joining(", ")));
    assertThat(count("connected")).isEqualTo(PROBES);
    // Settled (every probe connected): each failed refresh fetch is one fetch_failed, each probe
    // one successful refresh.
    String recovered = app.registry().scrape();
    assertThat(probe(recovered, "nexconn_token_refreshes_total", "outcome", "failure"))
        .isEqualTo(probe(recovered, "nexconn_token_failures_total", "reason", "fetch_failed"));
    assertThat(probe(recovered, "nexconn_token_refreshes_total", "outcome", "success"))
        .isEqualTo(PROBES);

    // The guard is intact: the next expiry in the same 5 min window is refreshed at once.
    int second = changes.size();
    connectedAt.clear();
    // The emulator expires tokens issued before this millisecond: let the new ones be older.
    Thread.sleep(10);
    assertThat(emulator.control().expireTokens(100)).isEqualTo(PROBES);
    assertThat(emulator.control().dropConnections(100, 1001)).isEqualTo(PROBES);
    await()
        .atMost(RECOVERY_BOUND)
        .alias("refreshed and connected again (the refresh guard is not used up)")
        .until(() -> connectedAt.size() == PROBES);
    for (String user : users()) {
      assertThat(since(second, user))
          .filteredOn(s -> s.to() == TOKEN_INCORRECT)
          .singleElement()
          .extracting(StatusChanged::errorCode)
          .isEqualTo(31020);
    }
    String after = app.registry().scrape();
    assertThat(probe(after, "nexconn_token_failures_total", "reason", "refresh_exhausted"))
        .isZero();
    assertThat(probe(after, "nexconn_token_refreshes_total", "outcome", "success"))
        .isEqualTo(2.0 * PROBES);
    assertNoTokenLogged();
  }

  private void assertNoTokenLogged() {
    List<String> lines = logs.lines();
    for (String token : tokens.issued()) {
      assertThat(lines).noneMatch(l -> l.contains(token));
    }
  }

  private List<String> users() {
    return IntStream.rangeClosed(1, PROBES).mapToObj(i -> "tsd-probe-" + i).toList();
  }

  private long fetchFailures(int from, String user) {
    return since(from, user).stream()
        .filter(s -> s.to() == SUSPEND && s.errorCode() == 33100)
        .count();
  }

  private List<StatusChanged> since(int from, String user) {
    return changes.subList(from, changes.size()).stream()
        .filter(s -> s.userId().equals(user))
        .toList();
  }

  private double count(String status) {
    return probe(app.registry().scrape(), "nexconn_connections", "status", status);
  }

  private static double probe(String metrics, String name, String label, String value) {
    return PrometheusText.value(metrics, name, "source", "probe", label, value);
  }

  private List<JsonObject> connections() throws Exception {
    JsonArray list =
        http.get(app.httpPort(), "127.0.0.1", "/api/v1/connections")
            .send()
            .await(5, TimeUnit.SECONDS)
            .bodyAsJsonObject()
            .getJsonArray("connections");
    return IntStream.range(0, list.size()).mapToObj(list::getJsonObject).toList();
  }
}
