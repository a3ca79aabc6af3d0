package dev.nexconn.exporter.metrics;

/**
 * Every meter name the sidecar registers, in Micrometer's dotted form. The Prometheus registry
 * exports {@code nexconn.connections} as {@code nexconn_connections} and adds {@code _total} to
 * counters and the base unit to timers ({@code docs/metrics.md} lists the exported names).
 */
public final class MetricNames {
  public static final String CONNECTIONS = "nexconn.connections";
  public static final String STATUS_TRANSITIONS = "nexconn.connection.status.transitions";
  public static final String RECONNECT_ATTEMPTS = "nexconn.reconnect.attempts";

  private MetricNames() {}
}
