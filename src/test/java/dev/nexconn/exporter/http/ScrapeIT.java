package dev.nexconn.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ProbeFleet;
import dev.nexconn.exporter.support.ScrapeLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seconds-long smoke run of {@code ScrapeBench}: 20 probes, a small label set, a few scrapes
 * alone and one second of 10 concurrent scrapers. The series count must not depend on how many
 * probes there are, and the gzip answer must hold the same exposition.
 */
class ScrapeIT {
  @Test
  void scrapesAreMeasuredAndTheSeriesCountDoesNotGrowWithProbes(@TempDir Path dir)
      throws Exception {
    Path jar = Path.of(System.getProperty("nexconn.jar"));
    int[] series = new int[2];
    int[] sizes = {5, 20};
    for (int i = 0; i < sizes.length; i++) {
      try (ProbeFleet fleet = ProbeFleet.start(dir, jar, sizes[i], List.of())) {
        ScrapeLoad.fillLabels(fleet, 3);
        ScrapeLoad.Row r = ScrapeLoad.measure(fleet, dir, 10, 10, 2, Duration.ofSeconds(1));
        ScrapeLoad.lines(r).forEach(l -> System.out.println("scrape smoke: " + l));
        assertThat(r.gzip().series()).isEqualTo(r.plain().series());
        assertThat(r.gzip().bytes()).isLessThan(r.plain().bytes() / 3);
        assertThat(r.concurrent().wrk().get("requests")).isPositive();
        assertThat(r.concurrent().wrk().get("status_errors")).isZero();
        assertThat(r.burstGzip().scrapes()).isEqualTo(20);
        assertThat(r.burst().latencyMicros()[2]).isPositive();
        assertThat(r.burstGzip().bytes()).isBetween(1, r.plain().bytes() / 3);
        series[i] = r.plain().series();
      }
    }
    assertThat(series[1]).as("series with 20 probes vs 5").isEqualTo(series[0]);
  }
}
