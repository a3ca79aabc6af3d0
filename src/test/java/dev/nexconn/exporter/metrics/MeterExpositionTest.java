package dev.nexconn.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MeterExposition} writes what {@code PrometheusMeterRegistry.scrape} writes, byte for byte,
 * in both formats: for every meter kind and shape it plans (names, units, help with characters to
 * escape, label values to escape, histograms, summaries with and without quantiles), for the
 * sidecar's own metrics fed a random event stream, and after meters are added and removed; and it
 * gives the rendering back to the registry for a kind it does not plan.
 */
class MeterExpositionTest {
  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final MockClock clock = new MockClock();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(
          PrometheusConfig.DEFAULT, new ConsistentPrometheusRegistry(), clock);

  @Test
  void everyPlannedKindWritesWhatTheRegistryWrites() throws Exception {
    MeterExposition exposition = MeterExposition.of(registry);
    for (String tier : List.of("b", "a", "c")) {
      Counter.builder("demo.requests")
          .description("Requests \"quoted\", back\\slash\nnewline")
          .baseUnit("requests")
          .tag("tier", tier)
          .tag("path", "/x\"y\\z\n" + tier)
          .register(registry)
          .increment(tier.charAt(0));
    }
    Counter.builder("demo.undescribed").register(registry).increment(0.1);
    AtomicLong level = new AtomicLong(42);
    Gauge.builder("demo.level", level, AtomicLong::get).tag("k", "v").register(registry);
    Gauge.builder("demo.nan", () -> Double.NaN).register(registry);
    Gauge.builder("demo.build.info", () -> 1).tag("version", "1.2.3").register(registry);
    TimeGauge.builder("demo.age", level, TimeUnit.MILLISECONDS, AtomicLong::get).register(registry);
    FunctionCounter.builder("demo.function", level, l -> l.get() * 2.5)
        .baseUnit("bytes")
        .register(registry);
    Timer histogram =
        Timer.builder("demo.latency")
            .description("Latency")
            .serviceLevelObjectives(
                Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(1))
            .tag("op", "read")
            .register(registry);
    Timer plain = Timer.builder("demo.plain").register(registry);
    Timer quantiles =
        Timer.builder("demo.quantiles").publishPercentiles(0.5, 0.99).register(registry);
    DistributionSummary sizes =
        DistributionSummary.builder("demo.size")
            .baseUnit("events")
            .serviceLevelObjectives(1, 10, 100)
            .register(registry);
    DistributionSummary plainSizes =
        DistributionSummary.builder("demo.plain.size").register(registry);
    DistributionSummary quantileSizes =
        DistributionSummary.builder("demo.quantile.size")
            .publishPercentiles(0.9)
            .register(registry);
    FunctionTimer.builder("demo.function.timer", level, l -> 7, l -> 1234.0, TimeUnit.MILLISECONDS)
        .register(registry);
    for (int i = 0; i < 40; i++) {
      histogram.record(Duration.ofMillis(i * 37L));
      plain.record(Duration.ofMillis(i));
      quantiles.record(Duration.ofMillis(i * 3L));
      sizes.record(i * 4.5);
      plainSizes.record(i);
      quantileSizes.record(i * 2);
    }
    histogram.record(Duration.ofSeconds(3));

    assertThat(exposition.planned()).isTrue();
    assertSameAsRegistry(exposition);

    // Values move, and series come and go: each scrape still agrees.
    level.set(7);
    histogram.record(Duration.ofMillis(2));
    Counter.builder("demo.requests")
        .description("Requests \"quoted\", back\\slash\nnewline")
        .baseUnit("requests")
        .tag("tier", "0")
        .tag("path", "/")
        .register(registry)
        .increment();
    registry.remove(plain);
    assertThat(exposition.planned()).isTrue();
    assertSameAsRegistry(exposition);
    assertThat(render(exposition, TEXT)).contains("demo_requests_total{path=\"/\",tier=\"0\"} 1.0");
    assertThat(render(exposition, TEXT)).doesNotContain("demo_plain_seconds_count");
  }

  @Test
  void aKindItDoesNotPlanIsRenderedByTheRegistry() throws Exception {
    MeterExposition exposition = MeterExposition.of(registry);
    Counter.builder("demo.requests").register(registry).increment();
    assertThat(exposition.planned()).isTrue();
    LongTaskTimer.builder("demo.long.task").register(registry).start();
    assertThat(exposition.planned()).isFalse();
    assertSameAsRegistry(exposition);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theSidecarsOwnMetricsAfterARandomEventStreamWriteWhatTheRegistryWrites(long seed)
      throws Exception {
    ManualClock events = new ManualClock(EventMetricsBatchTest.AT);
    EventMetrics metrics = new EventMetrics(new LabelLimits(List.of(), 3, 60), events);
    metrics.bindTo(registry);
    MeterExposition exposition = MeterExposition.of(registry);
    Random r = new Random(seed);
    for (int b = 0; b < 80; b++) {
      if (b % 15 == 14) {
        events.advance(AppVersionRanking.PERIOD);
      }
      metrics.acceptAll(EventMetricsBatchTest.batch(r));
      if (b % 20 == 0) {
        assertSameAsRegistry(exposition);
      }
    }
    assertThat(exposition.planned()).isTrue();
    assertSameAsRegistry(exposition);
    assertThat(render(exposition, TEXT)).contains("nexconn_connection_status_transitions_total{");
  }

  @Test
  void theJvmBindersWriteTheSameFamiliesSeriesAndHelp() throws Exception {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new ExporterInfoMetrics("1.0", "abc", java.util.OptionalInt.of(0), java.util.OptionalInt.of(1))
        .bindTo(registry);
    MeterExposition exposition = MeterExposition.of(registry);
    System.gc();
    assertThat(exposition.planned()).isTrue();
    for (String type : List.of(TEXT, OPENMETRICS)) {
      // The GC binder adds meters from the JVM's GC notifications, on their own thread: render
      // both again if a meter came or went between the two.
      List<String> ours;
      List<String> theirs;
      int attempts = 0;
      int meters;
      do {
        meters = registry.getMeters().size();
        ours = render(exposition, type).lines().toList();
        theirs = scrape(type).lines().toList();
      } while (registry.getMeters().size() != meters && ++attempts < 20);
      assertThat(ours).hasSameSizeAs(theirs);
      for (int i = 0; i < ours.size(); i++) {
        String a = ours.get(i);
        String b = theirs.get(i);
        // JVM values move between two reads; everything but the value must agree.
        if (!a.startsWith("#") && !a.startsWith("nexconn_")) {
          a = a.substring(0, a.lastIndexOf(' '));
          b = b.substring(0, b.lastIndexOf(' '));
        }
        assertThat(a).as("line %d of %s", i, type).isEqualTo(b);
      }
    }
  }

  private void assertSameAsRegistry(MeterExposition exposition) throws Exception {
    for (String type : List.of(TEXT, OPENMETRICS)) {
      String ours = render(exposition, type);
      String theirs = scrape(type);
      List<String> a = ours.lines().toList();
      List<String> b = theirs.lines().toList();
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        assertThat(a.get(i)).as("line %d of %s", i, type).isEqualTo(b.get(i));
      }
      assertThat(ours).as(type).isEqualTo(theirs);
    }
  }

  private String scrape(String type) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    registry.scrape(out, type);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String render(MeterExposition exposition, String type) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exposition.write(out, type);
    return out.toString(StandardCharsets.UTF_8);
  }
}
