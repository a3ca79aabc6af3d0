package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.emulator.DemoCycle;
import dev.nexconn.exporter.support.SoakHarness;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak of issue 16 (not in CI): {@code mvn -B verify -Psoak -Dsoak.minutes=30}. Runs the demo
 * jar with a scrape every second, samples every {@code soak.sampleSeconds} and prints one {@code
 * SOAK sample} line per sample and a {@code SOAK slopes} line for {@code docs/benchmarks.md}:
 * least-squares slopes per hour and the range (max - min) of each quantity after the warm-up, which
 * is one full cycle of the demo's built-in scenarios ({@link DemoCycle}, 13 min 10 s; {@code
 * -Dsoak.warmupSeconds} overrides it) because every scenario adds its own label values the first
 * time it plays. {@code -Dsoak.minutes=40} leaves two whole cycles after the warm-up, so a slope is
 * not biased by where in a cycle the run stops. {@code -Dsoak.probeUsers} (default 50, the demo's
 * own default is 3) sets the probe count: with 3 probes a rare engine transition (a retry from
 * {@code network_unavailable} answered {@code suspend}) first shows up in the second or third cycle
 * and adds its series after the warm-up; 50 probes meet it in the first. It fails only when it
 * could not measure or a scrape failed.
 */
@Timeout(value = 4, unit = TimeUnit.HOURS)
class DemoSoak {
  @Test
  void soak() throws Exception {
    long minutes = Long.getLong("soak.minutes", 30);
    long every = Long.getLong("soak.sampleSeconds", 30);
    int probeUsers = Integer.getInteger("soak.probeUsers", 50);
    SoakHarness.Report r =
        SoakHarness.run(Duration.ofMinutes(minutes), Duration.ofSeconds(every), probeUsers);
    for (SoakHarness.Sample s : r.samples()) {
      System.out.printf(
          "SOAK sample t=%.0fs heapAfterGcKiB=%d rssKiB=%d threads=%d fds=%d series=%d%n",
          s.seconds(), s.heapAfterGcKib(), s.rssKib(), s.threads(), s.fds(), s.series());
    }
    long warmupSeconds = Long.getLong("soak.warmupSeconds", DemoCycle.length().toSeconds());
    int warmup = (int) r.samples().stream().filter(x -> x.seconds() < warmupSeconds).count();
    if (warmup > r.samples().size() - 4) {
      warmup = r.samples().size() / 4; // a short run (the smoke test): a quarter as warm-up
    }
    double[] k = r.slopesPerHour(warmup);
    long[] range = r.rangesAfter(warmup);
    System.out.printf(
        "SOAK slopes minutes=%d samples=%d warmupSamples=%d scrapes=%d failedScrapes=%d"
            + " heapKiBPerHour=%.1f rssKiBPerHour=%.1f threadsPerHour=%.2f fdsPerHour=%.2f"
            + " seriesPerHour=%.2f rangeHeapKiB=%d rangeRssKiB=%d rangeThreads=%d rangeFds=%d"
            + " rangeSeries=%d%n",
        minutes,
        probeUsers,
        r.samples().size(),
        warmup,
        r.scrapes(),
        r.failedScrapes(),
        k[0],
        k[1],
        k[2],
        k[3],
        k[4],
        range[0],
        range[1],
        range[2],
        range[3],
        range[4]);
    double warmupEnd = warmup == 0 ? 0 : r.samples().get(warmup - 1).seconds();
    r.seriesFirstSeenAfter(warmupEnd)
        .forEach(e -> System.out.printf("SOAK new series t=%.0fs %s%n", e.getValue(), e.getKey()));
    assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(r.failedScrapes()).isZero();
  }
}
