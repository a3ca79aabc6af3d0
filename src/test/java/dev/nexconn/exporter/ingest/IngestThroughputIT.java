package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.ExporterApp;
import dev.nexconn.exporter.support.IngestLoad;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A one-second smoke run of the ingest throughput benchmark; the real measurement is {@code
 * IngestThroughputBench} in the {@code bench} profile.
 */
class IngestThroughputIT {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void oneSecondOfBatchesIsAcceptedAndMeasured() throws Exception {
    ExporterApp app = IngestLoad.startSidecar(vertx, false);
    double before = IngestLoad.statusReports(app);
    IngestLoad.Result r =
        IngestLoad.run("http://127.0.0.1:" + app.httpPort(), 100, 2, Duration.ofSeconds(1), false);
    System.out.println("ingest smoke: " + r.line());
    assertThat(r.other()).isZero();
    assertThat(r.eventsAccepted()).isEqualTo(100 * r.accepted202()).isPositive();
    assertThat(r.latencyMicros()[0]).isPositive();
    assertThat(IngestLoad.statusReports(app) - before).isEqualTo((double) r.eventsAccepted());
    app.stop().await(10, TimeUnit.SECONDS);
  }
}
