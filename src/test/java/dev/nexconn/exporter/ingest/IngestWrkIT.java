package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.IngestWrk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seconds-long smoke run of {@code IngestWrkBench}: the jar, wrk, collectd and the decode limit,
 * one short run at batch 100. It asserts what must hold at any speed: every batch answered 202 is
 * in the exported counters (nothing acknowledged is lost), and the sidecar's own accepted-batch
 * count agrees with its exported events.
 */
class IngestWrkIT {
  @Test
  void acknowledgedEventsAreExportedAndEveryReferenceMeasures(@TempDir Path dir) throws Exception {
    List<IngestWrk.Row> rows =
        IngestWrk.run(
            dir,
            new IngestWrk.Options(
                new int[] {100},
                1,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                1,
                4,
                Duration.ofSeconds(1),
                Duration.ofMillis(500)));
    IngestWrk.lines(rows).forEach(l -> System.out.println("ingest-wrk smoke: " + l));
    IngestWrk.Row row = rows.get(0);
    IngestWrk.SidecarRun run = row.runs().get(0);
    assertThat(run.wrk().requests()).isPositive();
    assertThat(run.wrk().statusErrors()).isZero();
    assertThat(run.lost()).as("acknowledged events missing from /metrics").isZero();
    assertThat(run.exported()).isEqualTo(run.acceptedByCount());
    assertThat(run.inFlightAtStop()).isLessThanOrEqualTo(4 * 100);
    assertThat(row.decodeLimit()).isPositive();
    assertThat(run.tokenLimit()).isPositive();
    assertThat(run.decodeShare()).isPositive();
    assertThat(row.collectdUnpaced().sent()).isPositive();
    assertThat(row.collectdUnpaced().counted()).isPositive();
  }
}
