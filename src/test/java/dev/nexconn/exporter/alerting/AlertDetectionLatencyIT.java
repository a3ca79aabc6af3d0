package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.AlertLatency;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the detection latency benchmark (two repetitions); the real measurement is {@code
 * AlertDetectionLatencyBench} in the {@code bench} profile.
 */
class AlertDetectionLatencyIT {
  @TempDir Path dir;

  @Test
  void twoBanSpikesAreTimedToFiringAndToAlertmanager() throws Exception {
    try (AlertLatency bench = AlertLatency.start(dir)) {
      List<AlertLatency.Sample> samples = bench.measure(2);
      System.out.println("alert latency smoke: " + AlertLatency.summary(samples));
      assertThat(samples).hasSize(2);
      assertThat(samples)
          .allSatisfy(s -> assertThat(s.alertmanager()).isGreaterThanOrEqualTo(s.sidecarFiring()));
    }
  }
}
