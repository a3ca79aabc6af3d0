package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.support.EmulatorChildProcess;
import dev.nexconn.exporter.support.NoBlockedThreads;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dashboards add up: with 1,000 probes whose connections the emulator cuts every second, scraping
 * {@code /metrics} flat out for 20 s, every single scrape's {@code nexconn_connections
 * {source="probe"}} sums to exactly 1,000, and the availability counters never run backwards. The
 * emulator runs in a child JVM so the sidecar's process holds only its own sockets.
 */
@ExtendWith(NoBlockedThreads.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProbeStatusSumIT {
  private static final int PROBES = 1000;
  private static final String[] STATUSES = {
    "unknown",
    "connected",
    "network_unavailable",
    "kicked_offline_by_other_client",
    "connecting",
    "unconnected",
    "sign_out",
    "suspend",
    "timeout",
    "token_incorrect",
    "disconn_exception",
    "proxy_unavailable",
    "user_abandon"
  };

  @Test
  void everyScrapeDuringAReconnectStormSumsToTheProbeCount() throws Exception {
    Path jar = Path.of(System.getProperty("nexconn.jar", "target/nexconn-exporter.jar"));
    Vertx vertx = Vertx.vertx();
    try (EmulatorChildProcess emulator = EmulatorChildProcess.start(jar)) {
      Map<String, String> env =
          Map.of(
              "UPSTREAM_URL", emulator.connectUri().toString(),
              "SERVER_API_URL", emulator.apiBase().toString(),
              "APP_SECRET", EmulatorChildProcess.APP_SECRET);
      ExporterConfig config =
          ConfigLoader.parse(
              Files.readString(Path.of("src/test/resources/ProbeStatusSumIT/sidecar.yaml")),
              env::get);
      ExporterApp app = ExporterApp.start(vertx, config, env::get).await(30, TimeUnit.SECONDS);
      String metricsUrl = "http://127.0.0.1:" + app.httpPort() + "/metrics";
      HttpClient http = HttpClient.newHttpClient();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> count(scrape(http, metricsUrl), "connected") == PROBES);

      AtomicBoolean storming = new AtomicBoolean(true);
      Thread storm =
          new Thread(
              () -> {
                while (storming.get()) {
                  try {
                    emulator.admin("faults/drop", new JsonObject().put("percent", 100));
                    Thread.sleep(1000);
                  } catch (Exception e) {
                    return;
                  }
                }
              },
              "storm");
      storm.start();
      List<String> wrong = new ArrayList<>();
      int scrapes = 0;
      int duringStorm = 0;
      double lastTotal = 0;
      double lastConnected = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < end) {
        String text = scrape(http, metricsUrl);
        scrapes++;
        double sum = 0;
        for (String s : STATUSES) {
          sum += count(text, s);
        }
        if (sum != PROBES) {
          wrong.add("scrape " + scrapes + " sums to " + sum);
        }
        if (count(text, "connected") < PROBES) {
          duringStorm++;
        }
        double total = PrometheusText.value(text, "nexconn_probe_seconds_total");
        double connected = PrometheusText.value(text, "nexconn_probe_connected_seconds_total");
        assertThat(total).isGreaterThanOrEqualTo(lastTotal).isGreaterThanOrEqualTo(connected);
        assertThat(connected).isGreaterThanOrEqualTo(lastConnected);
        lastTotal = total;
        lastConnected = connected;
      }
      storming.set(false);
      storm.join(5000);
      app.stop().await(20, TimeUnit.SECONDS);

      assertThat(wrong).as("scrapes whose status gauges do not sum to " + PROBES).isEmpty();
      assertThat(scrapes).isGreaterThan(100);
      assertThat(duringStorm).as("scrapes that caught the storm").isGreaterThanOrEqualTo(20);
      assertThat(lastConnected / lastTotal).isLessThan(1.0);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static double count(String text, String status) {
    return PrometheusText.value(text, "nexconn_connections", "source", "probe", "status", status);
  }

  private static String scrape(HttpClient http, String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
