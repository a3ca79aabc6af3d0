package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.AlertRace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke run of {@link TimeToAlertBench}: the same race with every time divided by 30 (15 s
 * scrape becomes 500 ms, the shipped rule's 5m window 10 s and {@code for: 2m} 4 s, the warm-up 34
 * s), two pairs side by side. The first learns a baseline as the benchmark's pairs do; the second
 * starts quiet (no ban before the spike), where Prometheus sees the spike only because the sidecar
 * registered the transition series it lands in at zero (a series born with the spike has no first
 * increase). Both detectors must alert on each spike, the sidecar first.
 */
class TimeToAlertIT {
  @Test
  void bothDetectorsAlertOnTheSpikeTheSidecarFirstAlsoAfterAQuietStart(@TempDir Path dir)
      throws Exception {
    List<AlertRace.Sample> samples = AlertRace.run(dir, 30, 1, 0);
    AlertRace.report(samples).forEach(System.out::println);
    for (int i = 0; i < samples.size(); i++) {
      AlertRace.Sample s = samples.get(i);
      String pair = i == 0 ? "with a baseline" : "after a quiet start";
      assertThat(s.sidecarAlertmanagerMs()).as("sidecar in Alertmanager, " + pair).isPositive();
      assertThat(s.prometheusFiringMs()).as("Prometheus firing, " + pair).isPositive();
      assertThat(s.prometheusAlertmanagerMs())
          .as("Prometheus in Alertmanager, " + pair)
          .isPositive();
      assertThat(s.sidecarAlertmanagerMs()).isLessThan(s.prometheusFiringMs());
    }
  }
}
