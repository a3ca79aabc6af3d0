package dev.nexconn.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.event.UpstreamFrameRejected;
import dev.nexconn.exporter.support.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Issue 16: each refused upstream message moves its reason's counter by one, and only that one. */
class UpstreamFrameMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final EventMetrics metrics = new EventMetrics(LabelLimits.DEFAULT);

  private static UpstreamFrameRejected rejected(FrameRejectReason reason) {
    return new UpstreamFrameRejected(
        EventSource.PROBE, Instant.EPOCH, Dimensions.PROBE, "g/p1", reason);
  }

  private Map<String, Double> counts() {
    Map<String, Double> out = new TreeMap<>();
    for (FrameRejectReason r : FrameRejectReason.values()) {
      out.put(
          r.label(),
          PrometheusText.value(
              registry.scrape(), "nexconn_upstream_frames_rejected_total", "reason", r.label()));
    }
    return out;
  }

  @Test
  void everyReasonIsRegisteredAtZeroAndCountsOnlyItsOwnFrames() {
    metrics.bindTo(registry);
    Map<String, Double> expected = new TreeMap<>();
    Arrays.stream(FrameRejectReason.values()).forEach(r -> expected.put(r.label(), 0.0));
    assertThat(counts()).isEqualTo(expected).hasSize(10);

    metrics.onEvent(rejected(FrameRejectReason.NOT_JSON));
    metrics.onEvent(rejected(FrameRejectReason.NOT_JSON));
    metrics.onEvent(rejected(FrameRejectReason.NOT_UTF8));
    metrics.onEvent(rejected(FrameRejectReason.NOT_NEGOTIATED));

    expected.put("not_json", 2.0);
    expected.put("not_utf8", 1.0);
    expected.put("not_negotiated", 1.0);
    assertThat(counts()).isEqualTo(expected);
    assertThat(registry.scrape())
        .contains("# TYPE nexconn_upstream_frames_rejected_total counter")
        .contains("nexconn_upstream_frames_rejected_total{reason=\"not_json\"} 2.0");
  }

  @Test
  void eventsBeforeBindingAreNotCountedAndDoNotFail() {
    metrics.onEvent(rejected(FrameRejectReason.TOO_LARGE));
    metrics.bindTo(registry);
    assertThat(counts()).containsEntry("too_large", 0.0);
  }
}
