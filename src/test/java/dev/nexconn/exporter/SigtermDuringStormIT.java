package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.support.EmulatorChildProcess;
import dev.nexconn.exporter.support.ExporterJarProcess;
import dev.nexconn.exporter.support.NoBlockedThreads;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault matrix, "SIGTERM in the middle of a storm": the jar runs 100 probes against the emulator (a
 * child JVM) while the emulator drops every session every 500 ms; SIGTERM arrives mid-storm.
 * Expected: exit code 0 within the 5 s grace (plus JVM exit), every probe's session gone from the
 * emulator ({@code GET /admin/v1/stats} sessions 0), no ERROR and no blocked-thread warning in the
 * jar's log.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SigtermDuringStormIT {
  private static final int PROBES = 100;

  @Test
  void sigtermMidStormExitsZeroWithinTheGraceAndSignsEveryProbeOut() throws Exception {
    Path jar = Path.of(System.getProperty("nexconn.jar", "target/nexconn-exporter.jar"));
    HttpClient http = HttpClient.newHttpClient();
    try (EmulatorChildProcess emulator = EmulatorChildProcess.start(jar)) {
      Map<String, String> env =
          Map.of(
              "UPSTREAM_URL", emulator.connectUri().toString(),
              "SERVER_API_URL", emulator.apiBase().toString(),
              "APP_SECRET", EmulatorChildProcess.APP_SECRET);
      ExporterJarProcess sidecar =
          ExporterJarProcess.startWithLauncher(
              List.of(),
              env,
              List.of(),
              "run",
              "--config",
              "src/test/resources/SigtermDuringStormIT/sidecar.yaml");
      try {
        String metrics = sidecar.baseUrl() + "/metrics";
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> connected(http, metrics) == PROBES);
        long attemptsBefore = emulator.adminGet("stats").getLong("connectAttempts");
        AtomicBoolean storming = new AtomicBoolean(true);
        Thread storm =
            new Thread(
                () -> {
                  while (storming.get()) {
                    try {
                      emulator.admin("faults/drop", new JsonObject().put("percent", 100));
                      Thread.sleep(500);
                    } catch (Exception e) {
                      return;
                    }
                  }
                },
                "storm");
        storm.start();
        Thread.sleep(3000);
        double duringStorm = connected(http, metrics);
        long reconnects = emulator.adminGet("stats").getLong("connectAttempts") - attemptsBefore;
        assertThat(reconnects)
            .as("reconnects during the storm")
            .isGreaterThanOrEqualTo(2L * PROBES);
        long t0 = System.nanoTime();
        int exit = sidecar.terminate();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        storming.set(false);
        storm.join(5000);
        System.out.printf(
            "sigterm mid-storm: reconnects=%d connected at SIGTERM=%.0f exit=%d in %d ms%n",
            reconnects, duringStorm, exit, millis);
        assertThat(exit).isZero();
        assertThat(millis).as("exit within the 5 s grace plus JVM exit").isLessThan(8000);
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () -> assertThat(emulator.adminGet("stats").getInteger("sessions")).isZero());
        assertThat(sidecar.output()).doesNotContain(NoBlockedThreads.WARNING, "level=ERROR");
      } finally {
        sidecar.close();
      }
    }
  }

  private static double connected(HttpClient http, String url) throws Exception {
    String text =
        http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return PrometheusText.value(
        text, "nexconn_connections", "source", "probe", "status", "connected");
  }
}
