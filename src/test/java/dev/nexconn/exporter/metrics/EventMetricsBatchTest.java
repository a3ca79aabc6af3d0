package dev.nexconn.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.support.ManualClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EventMetrics#acceptAll} (counters added once per batch) exports exactly what {@link
 * EventMetrics#onEvent} per event does, folds and series caps included: the same random stream, fed
 * one way and the other, scrapes to the same text.
 */
class EventMetricsBatchTest {
  static final Instant AT = Instant.parse("2026-11-28T07:00:00Z");
  static final ConnectionStatus[] STATUSES = ConnectionStatus.values();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void aBatchScrapesTheSameAsItsEventsOneByOne(long seed) {
    // Few labelled versions and a low series cap, so that folding and the cap take part.
    LabelLimits limits = new LabelLimits(List.of(), 3, 40);
    // Both see the same time, which passes a ranking period now and then between batches: the
    // re-rankings then depend on what each counted for the ranking.
    ManualClock clock = new ManualClock(AT);
    PrometheusMeterRegistry one = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusMeterRegistry batched = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EventMetrics byEvent = new EventMetrics(limits, clock);
    EventMetrics byBatch = new EventMetrics(limits, clock);
    byEvent.bindTo(one);
    byBatch.bindTo(batched);

    Random r = new Random(seed);
    for (int b = 0; b < 120; b++) {
      if (b % 15 == 14) {
        clock.advance(AppVersionRanking.PERIOD);
      }
      List<ConnectionEvent> batch = batch(r);
      batch.forEach(byEvent::onEvent);
      byBatch.acceptAll(batch);
    }

    assertThat(batched.scrape()).isEqualTo(one.scrape());
    assertThat(one.scrape()).contains("app_version=\"other\"");
  }

  /** A batch as ingest makes one: one app's dimensions, or now and then a probe's events. */
  static List<ConnectionEvent> batch(Random r) {
    Platform[] platforms = {Platform.IOS, Platform.ANDROID, Platform.WEB, Platform.FLUTTER};
    Dimensions dims =
        new Dimensions(platforms[r.nextInt(platforms.length)], "5." + r.nextInt(8) + ".0", "");
    boolean probe = r.nextInt(6) == 0;
    EventSource source = probe ? EventSource.PROBE : EventSource.SDK;
    if (probe) {
      dims = new Dimensions(Platform.PROBE, "", "");
    }
    List<ConnectionEvent> out = new ArrayList<>();
    ConnectionStatus previous = null;
    int n = 1 + r.nextInt(120);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(8)) {
        case 0 -> out.add(new DatabaseOpened(source, AT, dims, r.nextBoolean(), 0));
        case 1 ->
            out.add(new ReconnectAttempt(source, AT, dims, "", 1 + r.nextInt(3), Duration.ZERO));
        case 2 -> out.add(new TokenFailure(source, AT, dims, TokenFailure.Reason.EXPIRED));
        default -> {
          ConnectionStatus to = STATUSES[r.nextInt(STATUSES.length)];
          out.add(new StatusChanged(source, AT, dims, "", "", previous, to, 0));
          previous = to;
        }
      }
    }
    return out;
  }
}
