package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.alerting.Alert;
import dev.nexconn.exporter.alerting.AlertState;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's {@code token-expiry-wave}, played by a sidecar that has just started (no saved
 * baseline), fires {@code NexconnTokenExpiryWave} with the default rule on its first cycle: the
 * cold-start floor stands in for the baseline that a 5-minute window cannot have yet.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DemoAlertIT {
  @Test
  void tokenExpiryWaveFiresOnTheFirstCycleAfterAColdStart() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Demo demo = Demo.start(vertx, 3).await(30, TimeUnit.SECONDS);
      ExporterApp app =
          ExporterApp.start(vertx, demo.config().withHttpPort(0), demo.env())
              .await(30, TimeUnit.SECONDS);
      long started = System.nanoTime();
      demo.playScenarios(vertx, app.httpPort(), List.of("token-expiry-wave"), false)
          .await(10, TimeUnit.SECONDS);

      // Tokens expire 10-15 s in; the rule's "for" is 1m: firing is due about 75 s in.
      await()
          .atMost(Duration.ofSeconds(140))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> wave(app).state() == AlertState.FIRING);

      Alert alert = wave(app);
      assertThat(alert.baselineReady()).isFalse();
      assertThat(alert.crossedValue()).isGreaterThanOrEqualTo(alert.threshold());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(140));
      app.stop().await(15, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static Alert wave(ExporterApp app) {
    return app.alerting().detector().alerts().stream()
        .filter(a -> a.name().equals("NexconnTokenExpiryWave"))
        .findFirst()
        .orElseThrow();
  }
}
