package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.ExporterApp;
import dev.nexconn.exporter.support.IngestLoad;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SDK report ingest throughput and batch latency against a sidecar in this JVM, for batches of 100
 * and 500 events, with the per-key rate limit raised and at its default. {@code
 * -Dbench.ingest.seconds} (default 10) per run, {@code -Dbench.ingest.connections} (default 4). Run
 * with {@code mvn -B verify -Pbench -Dit.test=IngestThroughputBench}.
 */
class IngestThroughputBench {
  @Test
  void ingestThroughputWithAndWithoutTheRateLimit() throws Exception {
    Duration seconds = Duration.ofSeconds(Integer.getInteger("bench.ingest.seconds", 10));
    int connections = Integer.getInteger("bench.ingest.connections", 4);
    for (boolean limited : new boolean[] {false, true}) {
      Vertx vertx = Vertx.vertx();
      try {
        ExporterApp app = IngestLoad.startSidecar(vertx, limited);
        String base = "http://127.0.0.1:" + app.httpPort();
        if (!limited) {
          // JIT warm-up, not reported.
          IngestLoad.run(base, 100, connections, Duration.ofSeconds(3), false);
        }
        for (int batch : new int[] {100, 500}) {
          double before = IngestLoad.statusReports(app);
          IngestLoad.Result r = IngestLoad.run(base, batch, connections, seconds, limited);
          System.out.printf(
              "%s counted_on_metrics=%.0f%n", r.line(), IngestLoad.statusReports(app) - before);
          assertThat(r.eventsAccepted()).isPositive();
          assertThat(r.other()).isZero();
        }
        app.stop().await(10, TimeUnit.SECONDS);
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
    }
  }
}
