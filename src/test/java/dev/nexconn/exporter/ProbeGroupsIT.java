package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe groups built from YAML by {@link dev.nexconn.exporter.engine.ProbeGroups}: databases,
 * proxy, connect parameters.
 */
class ProbeGroupsIT {
  private final Vertx vertx = Vertx.vertx();
  private EmulatorVerticle emulator;
  @TempDir Path dir;

  @BeforeEach
  void startEmulator() throws Exception {
    emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, "k", "s3cret"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private ExporterApp start(String upstreamExtra, String groupExtra) throws Exception {
    String yaml =
        """
        http: {host: 127.0.0.1, port: 0}
        upstream:
          url: "ws://127.0.0.1:%1$d/v1/connect"
          connectRatePerSecond: 100
        %2$s
        probes:
          groups:
            - name: fleet
              count: 3
              idPrefix: fleet-
              token: {type: server-api, url: "http://127.0.0.1:%1$d", appKey: k, appSecretEnv: SECRET}
              reconnect: {scheduleSeconds: [0.05, 0.1], jitter: true}
              tokenRefresh: {maxPerWindow: 2, windowSeconds: 60}
        %3$s
        shutdown: {graceSeconds: 2}
        """
            .formatted(emulator.port(), upstreamExtra, groupExtra);
    Map<String, String> env = Map.of("SECRET", "s3cret");
    ExporterApp app =
        ExporterApp.start(vertx, ConfigLoader.parse(yaml, env::get), env::get)
            .await(10, TimeUnit.SECONDS);
    return app;
  }

  @Test
  void aGroupWithDatabasesOpensOneFilePerUserAndConnects() throws Exception {
    Path db = dir.resolve("db");
    ExporterApp app = start("", "      database: {enabled: true, dir: \"" + db + "\"}");
    await().atMost(Duration.ofSeconds(10)).until(() -> emulator.sessionCount() == 3);
    await().atMost(Duration.ofSeconds(5)).until(() -> gauge(app, "connected") == 3.0);
    try (var files = Files.list(db)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("fleet-1.db", "fleet-2.db", "fleet-3.db");
    }
    app.stop().await(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> emulator.sessionCount() == 0);
  }

  @Test
  void anUnreachableConfiguredProxyMakesEveryProbeProxyUnavailable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    ExporterApp app =
        start(
            "  proxy: {type: http, host: 127.0.0.1, port: " + closed + "}",
            "      database: {enabled: false}");
    await().atMost(Duration.ofSeconds(10)).until(() -> gauge(app, "proxy_unavailable") == 3.0);
    assertThat(emulator.sessionCount()).isZero();
  }

  /** The probe gauge for one status, as /metrics shows it. */
  private static double gauge(ExporterApp app, String status) {
    return PrometheusText.value(
        app.registry().scrape(), "nexconn_connections", "source", "probe", "status", status);
  }
}
