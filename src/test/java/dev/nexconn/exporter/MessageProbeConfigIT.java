package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Message round trips switched on in the config alone: the sidecar started from {@code
 * MessageProbeConfigIT/sidecar.yaml} (4 probes, so 2 pairs, a message each way every 200 ms, and
 * one through the Server API) shows round trips on both paths and loses none against a healthy
 * emulator. {@code MessageProbeIT} proves the counters per fault; this proves the wiring.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessageProbeConfigIT {
  private static final String KEY = "it-key";
  private static final String SECRET = "it-secret";

  @Test
  void aGroupWithMessagesInItsConfigMeasuresRoundTripsOnBothPaths() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EmulatorVerticle emulator =
          new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, KEY, SECRET), Clock.systemUTC());
      vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
      String base = "127.0.0.1:" + emulator.port();
      Map<String, String> env =
          Map.of(
              "UPSTREAM_URL", "ws://" + base + EmulatorVerticle.CONNECT_PATH,
              "SERVER_API_URL", "http://" + base,
              "APP_SECRET", SECRET);
      Path yaml = Path.of(getClass().getResource("/MessageProbeConfigIT/sidecar.yaml").toURI());
      ExporterApp app =
          ExporterApp.start(vertx, ConfigLoader.load(yaml, env::get), env::get)
              .await(10, TimeUnit.SECONDS);

      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> roundTrips(app, "probe") >= 20 && roundTrips(app, "server_api") >= 2);

      String text = app.registry().scrape();
      for (String path : new String[] {"probe", "server_api"}) {
        assertThat(PrometheusText.value(text, "nexconn_messages_lost_total", "path", path))
            .as("lost on %s", path)
            .isZero();
        assertThat(PrometheusText.value(text, "nexconn_messages_duplicated_total", "path", path))
            .isZero();
      }
      app.stop().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static double roundTrips(ExporterApp app, String path) {
    return PrometheusText.value(
        app.registry().scrape(), "nexconn_message_roundtrip_seconds_count", "path", path);
  }
}
