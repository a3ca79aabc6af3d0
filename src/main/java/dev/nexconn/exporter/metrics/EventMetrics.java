package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.config.LabelLimitsConfig;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.EventSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.List;

/**
 * Every series derived from the event stream, behind one binder and one sink. The full catalog with
 * label values and worst-case series counts is {@code docs/metrics.md}.
 *
 * <pre>{@code
 * EventMetrics metrics = new EventMetrics(LabelLimits.DEFAULT);
 * metrics.bindTo(registry);
 * bus.subscribe(metrics);
 * }</pre>
 */
public final class EventMetrics implements MeterBinder, EventSink {
  private final LabelFolding folding;
  private final ConnectionMetrics connections;
  private final TokenMetrics tokens = new TokenMetrics();
  private final SdkReportMetrics sdkReports;
  private final ProbeTimingMetrics timings = new ProbeTimingMetrics();
  private final ProbeAvailabilityMetrics availability;
  private final ConnectPhaseMetrics phases = new ConnectPhaseMetrics();
  private final TlsCertificateMetrics certificates = new TlsCertificateMetrics();
  private final MessageMetrics messages = new MessageMetrics();
  private final UpstreamFrameMetrics frames = new UpstreamFrameMetrics();

  /** Metrics with the system clock for app version ranking. */
  /** The metrics with the label limits of {@code ingest.appVersions} and maxSeriesPerMetric. */
  public static EventMetrics create(LabelLimitsConfig config, Clock clock) {
    return new EventMetrics(
        new LabelLimits(
            config.appVersionAllow(), config.appVersionTopN(), config.maxSeriesPerMetric()),
        clock);
  }

  public EventMetrics(LabelLimits limits) {
    this(limits, Clock.systemUTC());
  }

  /**
   * @param limits label bounds
   * @param clock paces the app version ranking periods
   */
  public EventMetrics(LabelLimits limits, Clock clock) {
    this.folding = new LabelFolding(limits, clock);
    this.connections = new ConnectionMetrics(folding);
    this.sdkReports = new SdkReportMetrics(folding);
    this.availability = new ProbeAvailabilityMetrics(clock);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    folding.bindTo(
        registry,
        List.of(
            MetricNames.PROM_STATUS_TRANSITIONS,
            MetricNames.PROM_DATABASE_OPENED,
            MetricNames.PROM_SDK_STATUS_REPORTS));
    connections.bindTo(registry);
    tokens.bindTo(registry);
    sdkReports.bindTo(registry);
    timings.bindTo(registry);
    availability.bindTo(registry);
    phases.bindTo(registry);
    certificates.bindTo(registry);
    messages.bindTo(registry);
    frames.bindTo(registry);
  }

  /** The event sink; the same as {@link #onEvent}. */
  @Override
  public void accept(ConnectionEvent event) {
    onEvent(event);
  }

  /**
   * A batch from the bus: the SDK report and transition counters are added once per batch, with the
   * effect of {@link #onEvent} for each event.
   */
  @Override
  public void acceptAll(List<? extends ConnectionEvent> events) {
    connections.acceptAll(events);
    sdkReports.acceptAll(events);
    for (ConnectionEvent event : events) {
      others(event);
    }
  }

  /** The event sink: subscribe it to the event bus. */
  public void onEvent(ConnectionEvent event) {
    connections.onEvent(event);
    sdkReports.onEvent(event);
    others(event);
  }

  /** Every binder but the two that take batches whole. */
  private void others(ConnectionEvent event) {
    tokens.onEvent(event);
    timings.onEvent(event);
    availability.onEvent(event);
    phases.onEvent(event);
    certificates.onEvent(event);
    messages.onEvent(event);
    frames.onEvent(event);
  }
}
