package dev.nexconn.exporter.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Predicate;

/**
 * The Prometheus registry under Micrometer's, with every scrape wrapped in {@link
 * ScrapeSnapshots#during}, so that the gauges of one family (the probe status counts) and the SLO
 * counters read one consistent view however the exposition is rendered or cached.
 *
 * <pre>{@code
 * PrometheusMeterRegistry consistent =
 *     new PrometheusMeterRegistry(
 *         io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT,
 *         new ConsistentPrometheusRegistry(),
 *         io.micrometer.core.instrument.Clock.SYSTEM);
 * }</pre>
 */
public final class ConsistentPrometheusRegistry extends PrometheusRegistry {
  @Override
  public MetricSnapshots scrape() {
    return ScrapeSnapshots.during(super::scrape);
  }

  @Override
  public MetricSnapshots scrape(PrometheusScrapeRequest request) {
    return ScrapeSnapshots.during(() -> super.scrape(request));
  }

  @Override
  public MetricSnapshots scrape(Predicate<String> includedNames) {
    return ScrapeSnapshots.during(() -> super.scrape(includedNames));
  }

  @Override
  public MetricSnapshots scrape(Predicate<String> includedNames, PrometheusScrapeRequest request) {
    return ScrapeSnapshots.during(() -> super.scrape(includedNames, request));
  }
}
