package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.AlertLatency;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ban-spike detection latency with the real clock: {@code -Dbench.alert.repetitions} (default 10)
 * SDK report batches that cross the floor, each timed to {@code firing} at {@code /api/v1/alerts}
 * and to its arrival in a real Alertmanager. Run with {@code mvn -B verify -Pbench
 * -Dit.test=AlertDetectionLatencyBench}.
 */
class AlertDetectionLatencyBench {
  @TempDir Path dir;

  @Test
  void banSpikeDetectionLatency() throws Exception {
    int n = Integer.getInteger("bench.alert.repetitions", 10);
    try (AlertLatency bench = AlertLatency.start(dir)) {
      List<AlertLatency.Sample> samples = bench.measure(n);
      samples.forEach(s -> System.out.println("BENCH alert sample " + s));
      System.out.println(AlertLatency.summary(samples));
      assertThat(samples).hasSize(n);
    }
  }
}
