package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.AlertRace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time to alert, the sidecar against Debian's Prometheus with 15 s scrape and evaluation and the
 * shipped rules, on the same event stream, {@code -Dbench.race.repetitions} pairs (default 10) in
 * one run of about 20 minutes ({@link AlertRace}). Run with {@code mvn -B verify -Pbench
 * -Dit.test=TimeToAlertBench}; it prints one {@code BENCH race sample} line per repetition and a
 * summary line for docs/benchmarks.md.
 */
class TimeToAlertBench {
  @Test
  void sidecarAgainstPrometheusOnTheSameStream(@TempDir Path dir) throws Exception {
    List<AlertRace.Sample> samples =
        AlertRace.run(dir, Integer.getInteger("bench.race.repetitions", 10), 1);
    AlertRace.report(samples).forEach(System.out::println);
    assertThat(samples).allSatisfy(s -> assertThat(s.sidecarAlertmanagerMs()).isPositive());
  }
}
