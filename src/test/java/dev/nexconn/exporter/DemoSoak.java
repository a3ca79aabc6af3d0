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
    long warmupSeconds = Long.getLong("soak.warmupSeconds", DemoCycle.length().toSeconds());
    r.lines(minutes, probeUsers, warmupSeconds).forEach(System.out::println);
    assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(r.failedScrapes()).isZero();
  }
}
