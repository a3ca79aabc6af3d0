package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.AlertRace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke run of {@link TimeToAlertBench}: the same race with every time divided by 60 (15 s
 * scrape becomes 250 ms, the shipped rule's {@code for: 2m} 2 s, the warm-up 16 s), one pair. Both
 * detectors must alert on the spike, the sidecar first.
 */
class TimeToAlertIT {
  @Test
  void bothDetectorsAlertOnTheSpikeAndTheSidecarFirst(@TempDir Path dir) throws Exception {
    List<AlertRace.Sample> samples = AlertRace.run(dir, 1, 60);
    AlertRace.report(samples).forEach(System.out::println);
    AlertRace.Sample s = samples.get(0);
    assertThat(s.sidecarAlertmanagerMs()).isPositive();
    assertThat(s.prometheusFiringMs()).isPositive();
    assertThat(s.prometheusAlertmanagerMs()).isPositive();
    assertThat(s.sidecarAlertmanagerMs()).isLessThan(s.prometheusFiringMs());
  }

  @Test
  void afterAQuietStartPrometheusSeesTheFirstBurstToo(@TempDir Path dir) throws Exception {
    List<AlertRace.Sample> samples = AlertRace.run(dir, 1, 60, 0);
    AlertRace.report(samples).forEach(System.out::println);
    assertThat(samples.get(0).sidecarAlertmanagerMs()).isPositive();
    assertThat(samples.get(0).prometheusFiringMs())
        .as("Prometheus firing after the first burst of connected -> disconn_exception")
        .isPositive();
  }
}
