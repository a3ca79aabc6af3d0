package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.SoakHarness;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak of issue 16 (not in CI): {@code mvn -B verify -Psoak -Dsoak.minutes=30}. Runs the demo
 * jar with a scrape every second, samples every {@code soak.sampleSeconds} and prints one {@code
 * SOAK sample} line per sample and a {@code SOAK slopes} line (per hour, after the first quarter as
 * warm-up) for {@code docs/benchmarks.md}. It fails only when it could not measure or a scrape
 * failed.
 */
@Timeout(value = 4, unit = TimeUnit.HOURS)
class DemoSoak {
  @Test
  void soak() throws Exception {
    long minutes = Long.getLong("soak.minutes", 30);
    long every = Long.getLong("soak.sampleSeconds", 30);
    SoakHarness.Report r = SoakHarness.run(Duration.ofMinutes(minutes), Duration.ofSeconds(every));
    for (SoakHarness.Sample s : r.samples()) {
      System.out.printf(
          "SOAK sample t=%.0fs heapAfterGcKiB=%d rssKiB=%d threads=%d fds=%d series=%d%n",
          s.seconds(), s.heapAfterGcKib(), s.rssKib(), s.threads(), s.fds(), s.series());
    }
    int warmup = r.samples().size() / 4;
    double[] k = r.slopesPerHour(warmup);
    System.out.printf(
        "SOAK slopes minutes=%d samples=%d warmupSamples=%d scrapes=%d failedScrapes=%d"
            + " heapKiBPerHour=%.1f rssKiBPerHour=%.1f threadsPerHour=%.2f fdsPerHour=%.2f"
            + " seriesPerHour=%.2f%n",
        minutes,
        r.samples().size(),
        warmup,
        r.scrapes(),
        r.failedScrapes(),
        k[0],
        k[1],
        k[2],
        k[3],
        k[4]);
    assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(r.failedScrapes()).isZero();
  }
}
