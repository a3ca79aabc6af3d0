package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.event.UpstreamFrameRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;

/**
 * Messages the probes refused from their upstream, by reason, from {@link UpstreamFrameRejected}.
 * The reasons are a closed enum, so every series exists from the first scrape and an alert sees the
 * first malformed frame.
 *
 * <pre>
 * nexconn_upstream_frames_rejected_total{reason="not_json"} 3.0
 * nexconn_upstream_frames_rejected_total{reason="not_negotiated"} 0.0
 * </pre>
 */
final class UpstreamFrameMetrics implements MeterBinder {
  private final Map<FrameRejectReason, Counter> rejected = new EnumMap<>(FrameRejectReason.class);

  @Override
  public void bindTo(MeterRegistry registry) {
    for (FrameRejectReason r : FrameRejectReason.values()) {
      rejected.put(
          r,
          Counter.builder(MetricNames.UPSTREAM_FRAMES_REJECTED)
              .description(
                  "Messages a probe refused from its upstream, by reason; every reason but"
                      + " not_negotiated closed the socket and the probe reconnected")
              // no base unit: Micrometer would append it (..._rejected_frames_total)
              .tag("reason", r.label())
              .register(registry));
    }
  }

  /** The event sink. */
  public void onEvent(ConnectionEvent event) {
    if (event instanceof UpstreamFrameRejected f) {
      Counter c = rejected.get(f.reason());
      if (c != null) {
        c.increment();
      }
    }
  }
}
