package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.NoBlockedThreads;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end in one JVM on real loopback sockets: a probe gets its token from
 * the emulator's Server API, connects, and after the emulator drops it goes through connecting back
 * to connected.
 */
@ExtendWith(NoBlockedThreads.class)
class ProbeReconnectIT {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aDroppedProbeGoesThroughSuspendAndConnectingBackToConnected() throws Exception {
    EmulatorVerticle emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, "k", "s3cret"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    String yaml =
        """
        http: {host: 127.0.0.1, port: 0}
        upstream: {url: "ws://127.0.0.1:%1$d/v1/connect"}
        probes:
          groups:
            - name: it
              users: [alice, bob]
              token: {type: server-api, url: "http://127.0.0.1:%1$d", appKey: k, appSecretEnv: SECRET}
        """
            .formatted(emulator.port());
    Map<String, String> env = Map.of("SECRET", "s3cret");
    ExporterConfig config = ConfigLoader.parse(yaml, env::get);
    List<StatusChanged> changes = new CopyOnWriteArrayList<>();
    ExporterApp app = ExporterApp.start(vertx, config, env::get).await(10, TimeUnit.SECONDS);
    app.bus()
        .subscribe(
            e -> {
              if (e instanceof StatusChanged c && c.source() == EventSource.PROBE) {
                changes.add(c);
              }
            });

    await().atMost(Duration.ofSeconds(10)).until(() -> emulator.sessionCount() == 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> gauge(app, "connected") == 2.0);

    assertThat(emulator.dropAllConnections()).isEqualTo(2);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        changes.stream()
                            .filter(c -> c.userId().equals("alice"))
                            .map(StatusChanged::to)
                            .toList())
                    .containsSubsequence(
                        ConnectionStatus.CONNECTED,
                        ConnectionStatus.SUSPEND,
                        ConnectionStatus.CONNECTING,
                        ConnectionStatus.CONNECTED));
    await().atMost(Duration.ofSeconds(10)).until(() -> gauge(app, "connected") == 2.0);
    assertThat(
            app.registry()
                .find("nexconn.connection.status.transitions")
                .tags("source", "probe", "from", "connected", "to", "suspend")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(emulator.sessionCount()).isEqualTo(2);
    app.stop().await(10, TimeUnit.SECONDS);
    assertThat(gauge(app, "sign_out")).isEqualTo(2.0);
  }

  /** The probe gauge for one status, as /metrics shows it. */
  private static double gauge(ExporterApp app, String status) {
    return PrometheusText.value(
        app.registry().scrape(), "nexconn_connections", "source", "probe", "status", status);
  }
}
