package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.support.PrometheusText;
import dev.nexconn.exporter.support.RawHttp;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ExporterApp#stop()} closes every HTTP server instance it started ({@code http.instances} 1
 * and 2, one shared port): afterwards the port refuses connections, a kept-alive connection is
 * closed, the app's verticles are no longer deployed, and the Vert.x instance, which is the
 * caller's, still runs (it can listen on the freed port). Its message-probe timers stop too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExporterAppStopIT {
  private static final String KEY = "stop-key";
  private static final String SECRET = "stop-secret";
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(15, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "http.instances={0}")
  @ValueSource(ints = {1, 2})
  void afterStopThePortRefusesConnectionsAndTheAppsVerticlesAreGone(int instances)
      throws Exception {
    Set<String> before = Set.copyOf(vertx.deploymentIDs());
    // The idle timeout is long, so that only the stop can close the kept-alive connection.
    String yaml =
        "http: {host: 127.0.0.1, port: 0, instances: %d, idleTimeout: 10m}\n".formatted(instances);
    Map<String, String> env = Map.of();
    ExporterApp app =
        ExporterApp.start(vertx, ConfigLoader.parse(yaml, env::get), env::get)
            .await(20, TimeUnit.SECONDS);
    int port = app.httpPort();
    assertThat(port).isPositive();
    assertThat(vertx.deploymentIDs()).as("deployed by the start").hasSizeGreaterThan(before.size());

    try (RawHttp kept = RawHttp.connect(port)) {
      kept.send("GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(kept.response(Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");

      app.stop().await(20, TimeUnit.SECONDS);

      assertThat(kept.closedWithin(Duration.ofSeconds(5)))
          .as("the kept-alive connection closed by the stop")
          .isNotNull();
    }
    assertThatThrownBy(() -> connect(port))
        .as("a connect to 127.0.0.1:%d after the stop", port)
        .isInstanceOf(ConnectException.class);
    assertThat(vertx.deploymentIDs()).as("deployments after the stop").isEqualTo(before);

    NetServer again = vertx.createNetServer().connectHandler(s -> s.close());
    assertThat(again.listen(port, "127.0.0.1").await(5, TimeUnit.SECONDS).actualPort())
        .as("the same Vert.x listens on the freed port")
        .isEqualTo(port);
    again.close().await(5, TimeUnit.SECONDS);
  }

  /**
   * The message-probe timers stop with the app: messages dropped in flight at the stop are never
   * counted lost afterwards (a stopped sidecar measures nothing), although they are before it.
   */
  @Test
  void noMessageProbeIsCountedAfterTheStop() throws Exception {
    EmulatorVerticle emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, KEY, SECRET), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    String base = "127.0.0.1:" + emulator.port();
    String yaml =
        """
        http: {host: 127.0.0.1, port: 0}
        upstream: {url: "ws://%s%s"}
        probes:
          groups:
            - name: stop
              count: 2
              database: {enabled: false}
              token: {type: server-api, url: "http://%s", appKey: %s, appSecretEnv: APP_SECRET}
              messages: {interval: 100ms, deadline: 500ms}
        shutdown: {grace: 2s}
        """
            .formatted(base, EmulatorVerticle.CONNECT_PATH, base, KEY);
    Map<String, String> env = Map.of("APP_SECRET", SECRET);
    ExporterApp app =
        ExporterApp.start(vertx, ConfigLoader.parse(yaml, env::get), env::get)
            .await(20, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(20)).until(() -> messages(app, "roundtrip") >= 4);

    emulator.control().dropMessages(100, Duration.ofMinutes(1));
    // Lost ones counted: the ticks go on sending, so messages younger than the deadline are
    // pending.
    await().atMost(Duration.ofSeconds(10)).until(() -> messages(app, "lost") >= 2);
    app.stop().await(20, TimeUnit.SECONDS);
    double lostAtStop = messages(app, "lost");

    Thread.sleep(1500); // three deadlines: a tick left running would count the pending ones
    assertThat(messages(app, "lost"))
        .as("messages counted lost after the stop")
        .isEqualTo(lostAtStop);
  }

  /**
   * A start that cannot listen (the port is taken) fails with the cause and leaves nothing open:
   * the idempotency window's file is closed again, as after a stop, so the next start on the same
   * data volume works.
   */
  @Test
  void aStartThatCannotListenLeavesNoFileOpenAndTheNextStartWorks(@TempDir Path dir)
      throws Exception {
    Path window = dir.resolve("ingest-window");
    NetServer taken = vertx.createNetServer().connectHandler(s -> s.close());
    int port = taken.listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS).actualPort();
    String yaml =
        """
        http: {host: 127.0.0.1, port: %d}
        ingest:
          apiKeysEnv: INGEST_KEYS
          idempotency: {file: "%s"}
        """
            .formatted(port, window);
    Map<String, String> env = Map.of("INGEST_KEYS", "stop-it-ingest-key-0001");
    assertThatThrownBy(
            () ->
                ExporterApp.start(vertx, ConfigLoader.parse(yaml, env::get), env::get)
                    .await(20, TimeUnit.SECONDS))
        .hasMessageContaining("Address already in use");
    assertThat(window).exists();
    assertThat(openFilesOf(window)).as("descriptors on %s after the failed start", window).isZero();

    taken.close().await(5, TimeUnit.SECONDS);
    ExporterApp app =
        ExporterApp.start(vertx, ConfigLoader.parse(yaml, env::get), env::get)
            .await(20, TimeUnit.SECONDS);
    assertThat(openFilesOf(window)).as("descriptors on the window while running").isEqualTo(1);
    app.stop().await(20, TimeUnit.SECONDS);
    assertThat(openFilesOf(window)).as("descriptors on the window after the stop").isZero();
  }

  /** Descriptors of this process open on {@code file} (Linux: the links in /proc/self/fd). */
  private static long openFilesOf(Path file) throws Exception {
    Path real = file.toRealPath();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).equals(real);
                } catch (Exception e) {
                  return false; // closed while listing
                }
              })
          .count();
    }
  }

  private static double messages(ExporterApp app, String outcome) {
    String text = app.registry().scrape();
    return outcome.equals("roundtrip")
        ? PrometheusText.value(text, "nexconn_message_roundtrip_seconds_count")
        : PrometheusText.value(text, "nexconn_messages_lost_total");
  }

  private static void connect(int port) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }
}
