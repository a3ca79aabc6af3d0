package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.SoakHarness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Smoke run of the soak harness (the soak itself is {@link DemoSoak}, {@code -Psoak}): seconds of
 * the demo jar, so the sampling (GC + heap, RSS, threads, fds, series) and the slopes do not rot.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoSoakIT {
  @Test
  void theHarnessSamplesEveryFigureOfTheDemoJar() throws Exception {
    SoakHarness.Report r = SoakHarness.run(Duration.ofSeconds(12), Duration.ofSeconds(3));
    assertThat(r.samples()).hasSize(4);
    for (SoakHarness.Sample s : r.samples()) {
      assertThat(s.heapAfterGcKib()).as("heap after GC").isPositive();
      assertThat(s.rssKib()).as("RSS").isGreaterThan(s.heapAfterGcKib());
      assertThat(s.threads()).isPositive();
      assertThat(s.fds()).isPositive();
    }
    assertThat(r.samples().get(3).series()).as("series in the last scrape").isGreaterThan(10);
    assertThat(r.firstSeen())
        .as("every series scraped, by name and labels")
        .hasSizeGreaterThanOrEqualTo((int) r.samples().get(3).series())
        .allSatisfy((k, at) -> assertThat(k).doesNotMatch(".* [-+0-9.eE]+$").isNotBlank())
        .anySatisfy(
            (k, at) -> assertThat(k).startsWith("nexconn_connection_status_transitions_total{"));
    assertThat(r.seriesFirstSeenAfter(0)).hasSize(r.firstSeen().size());
    assertThat(r.scrapes()).isGreaterThanOrEqualTo(8);
    assertThat(r.failedScrapes()).isZero();
    for (double slope : r.slopesPerHour(1)) {
      assertThat(Double.isFinite(slope)).as("slope %s", slope).isTrue();
    }
    assertThat(r.output()).doesNotContain("has been blocked for");
    List<String> lines = r.lines(1, 3, 6);
    assertThat(lines.subList(0, 4)).allMatch(l -> l.startsWith("SOAK sample t="));
    assertThat(lines.get(4))
        .matches(
            "SOAK slopes minutes=1 probeUsers=3 samples=4 warmupSamples=1 scrapes=\\d+"
                + " failedScrapes=0 heapKiBPerHour=-?[\\d.]+ rssKiBPerHour=-?[\\d.]+"
                + " rssKiBPerHourSecondHalf=-?[\\d.]+ threadsPerHour=-?[\\d.]+ .* rangeSeries=\\d+");
    assertThat(lines.subList(5, lines.size())).allMatch(l -> l.startsWith("SOAK new series t="));
  }
}
