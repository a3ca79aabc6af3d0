package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.EventBus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus's own health: sink invocations that threw. A rising count means a sink (metrics,
 * alerting, status board) is losing events, so its series or alerts undercount. Binding also logs
 * the first failure of each sink class at WARN with its exception; later ones are only counted.
 *
 * <pre>
 * # TYPE nexconn_event_sink_failures_total counter
 * nexconn_event_sink_failures_total 0.0
 * </pre>
 */
public final class EventBusMetrics implements MeterBinder {
  private static final Logger LOG = LoggerFactory.getLogger(EventBusMetrics.class);

  private final EventBus bus;

  /** Exports the failure count of {@code bus}. */
  public EventBusMetrics(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder(MetricNames.EVENT_SINK_FAILURES, bus, EventBus::sinkFailureCount)
        .description("Event deliveries to a sink that threw; that sink missed the event")
        .baseUnit("failures")
        .register(registry);
    bus.onFirstSinkFailure(
        (sink, e) ->
            LOG.atWarn()
                .addKeyValue("event", "event_sink_failed")
                .addKeyValue("sink", sink)
                .addKeyValue(
                    "hint",
                    "the sink keeps receiving events; further failures of this sink are only"
                        + " counted in nexconn_event_sink_failures_total")
                .setCause(e)
                .log());
  }
}
