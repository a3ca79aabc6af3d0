package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.IngestWrk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDK report ingest measured from outside (docs/benchmarks.md, "Ingest on every core"): the built
 * jar in its own process, {@code wrk} posting batches of 100, 20 and 1 events in another, 3 runs of
 * 10 s per batch size; in the same run Jackson's decode limit for the same bytes and collectd
 * (statsd + write_prometheus) fed the same events. {@code -Dbench.wrk.batches=100,20,1}, {@code
 * -Dbench.wrk.repetitions=3}, {@code -Dbench.wrk.seconds=10}, {@code -Dbench.wrk.connections=16},
 * {@code -Dbench.wrk.warmupSeconds=10}. Run with {@code mvn -B verify -Pbench
 * -Dit.test=IngestWrkBench}.
 */
class IngestWrkBench {
  @Test
  void ingestAgainstTheDecodeLimitAndCollectd(@TempDir Path dir) throws Exception {
    int[] batches =
        java.util.Arrays.stream(System.getProperty("bench.wrk.batches", "100,20,1").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int seconds = Integer.getInteger("bench.wrk.seconds", 10);
    List<IngestWrk.Row> rows =
        IngestWrk.run(
            dir,
            new IngestWrk.Options(
                batches,
                Integer.getInteger("bench.wrk.repetitions", 3),
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(Integer.getInteger("bench.wrk.warmupSeconds", 10)),
                2,
                Integer.getInteger("bench.wrk.connections", 16),
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(6)));
    IngestWrk.lines(rows).forEach(System.out::println);
    System.out.println(IngestWrk.table(rows));
    for (IngestWrk.Row row : rows) {
      assertThat(row.runs()).allSatisfy(r -> assertThat(r.wrk().requests()).isPositive());
    }
  }
}
