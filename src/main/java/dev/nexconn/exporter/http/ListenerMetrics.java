package dev.nexconn.exporter.http;

import dev.nexconn.exporter.api.ListenerGuard;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Exports a {@link ListenerGuard}'s state: {@code nexconn_http_connections{listener}} (open now,
 * against {@code http.maxConnections}) and {@code
 * nexconn_http_connections_cut_total{listener,reason}} (closed by a timeout, the cap or a bad
 * request line).
 */
public final class ListenerMetrics {
  private ListenerMetrics() {}

  /** Registers the guard's meters. */
  public static void bind(ListenerGuard guard, MeterRegistry registry) {
    Gauge.builder("nexconn.http.connections", guard, ListenerGuard::open)
        .description("Open HTTP connections of the listener (capped by http.maxConnections)")
        .tag("listener", guard.name())
        .register(registry);
    for (ListenerGuard.Cut cut : ListenerGuard.Cut.values()) {
      FunctionCounter.builder("nexconn.http.connections.cut", guard, g -> g.cuts(cut))
          .description(
              "HTTP connections the listener closed: timeouts, the connection cap, bad requests")
          .tag("listener", guard.name())
          .tag("reason", cut.label())
          .register(registry);
    }
  }
}
