package dev.nexconn.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ProbeFleet;
import dev.nexconn.exporter.support.ScrapeLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} cost with a full fleet label set (docs/benchmarks.md, "Scrape cost"): the jar
 * with 1,000 and 19,000 probes connected to the emulator (each in its own process), one scraper at
 * a time and 100 concurrent scrapers ({@code wrk}), plain and gzip, 3 repetitions. {@code
 * -Dbench.scrape.probes=1000,19000}, {@code -Dbench.scrape.repetitions=3}, {@code
 * -Dbench.scrape.jvmOptions="-Xlog:gc:file=gc.log"} (the sidecar's JVM, space-separated). Run with
 * {@code mvn -B verify -Pbench -Dit.test=ScrapeBench}.
 */
class ScrapeBench {
  @Test
  void scrapeLatencyAloneAndUnderOneHundredScrapers(@TempDir Path dir) throws Exception {
    int[] sizes =
        Arrays.stream(System.getProperty("bench.scrape.probes", "1000,19000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int reps = Integer.getInteger("bench.scrape.repetitions", 3);
    String options = System.getProperty("bench.scrape.jvmOptions", "").trim();
    List<String> jvmOptions = options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    Path jar = Path.of(System.getProperty("nexconn.jar"));
    List<ScrapeLoad.Row> rows = new ArrayList<>();
    for (int probes : sizes) {
      try (ProbeFleet fleet = ProbeFleet.start(dir, jar, probes, jvmOptions)) {
        System.out.printf(
            "BENCH scrape fleet probes=%d connected_after=%s%n", probes, fleet.connectAll());
        ScrapeLoad.fillLabels(fleet, 25);
        ScrapeLoad.sequential(fleet, 50, false);
        for (int i = 0; i < reps; i++) {
          ScrapeLoad.Row r = ScrapeLoad.measure(fleet, dir, 200, 100, 10, Duration.ofSeconds(10));
          ScrapeLoad.lines(r).forEach(System.out::println);
          rows.add(r);
        }
      }
    }
    System.out.println(
        "| probes | series | bytes (gzip) | sidecar CPU ms/s idle | one scraper p50 / p99 ms"
            + " (gzip p99) | sidecar CPU ms per scrape | bursts of 100 p50 / p99 ms, plain; gzip |"
            + " bursts from 100 JDK clients p99 ms (their CPU ms per scrape) | wrk 100 back to"
            + " back: p99 ms (gzip), scrapes/s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (ScrapeLoad.Row r : rows) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "| %d | %d | %d (%d) | %.1f | %.1f / %.1f (%.1f) | %.1f | %.1f / %.1f; %.1f / %.1f |"
                  + " %.1f (%.2f) | %.1f (%.1f), %.0f |",
              r.probes(),
              r.plain().series(),
              r.plain().bytes(),
              r.gzip().bytes(),
              r.idleSidecarCpuMsPerSecond(),
              r.plain().latencyMicros()[0] / 1000.0,
              r.plain().latencyMicros()[1] / 1000.0,
              r.gzip().latencyMicros()[1] / 1000.0,
              r.plain().sidecarCpuMsPerScrape(),
              r.burst().latencyMicros()[0] / 1000.0,
              r.burst().latencyMicros()[1] / 1000.0,
              r.burstGzip().latencyMicros()[0] / 1000.0,
              r.burstGzip().latencyMicros()[1] / 1000.0,
              r.jdkBurst().latencyMicros()[1] / 1000.0,
              r.jdkBurst().clientCpuMsPerScrape(),
              r.concurrent().p99Millis(),
              r.gzipped().p99Millis(),
              r.concurrent().scrapesPerSecond()));
    }
    assertThat(rows).allSatisfy(r -> assertThat(r.plain().series()).isPositive());
  }
}
