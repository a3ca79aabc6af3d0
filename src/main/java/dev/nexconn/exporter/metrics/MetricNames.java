package dev.nexconn.exporter.metrics;

/**
 * Every meter name this package registers, in Micrometer's dotted form. The Prometheus registry
 * exports {@code nexconn.connections} as {@code nexconn_connections} and adds {@code _total} to
 * counters and the base unit to timers and summaries ({@code docs/metrics.md} lists the exported
 * names, and a test keeps the two in step).
 */
public final class MetricNames {
  public static final String CONNECTIONS = "nexconn.connections";
  public static final String STATUS_TRANSITIONS = "nexconn.connection.status.transitions";
  public static final String RECONNECT_ATTEMPTS = "nexconn.reconnect.attempts";
  public static final String CONNECT_DURATION = "nexconn.connect.duration";
  public static final String RECONNECT_RECOVERY = "nexconn.reconnect.recovery";
  public static final String HEARTBEAT_RTT = "nexconn.heartbeat.rtt";
  public static final String CONNECT_PHASE_DURATION = "nexconn.connect.phase.duration";
  public static final String CONNECT_FAILURES = "nexconn.connect.failures";
  public static final String MESSAGE_ROUNDTRIP = "nexconn.message.roundtrip";
  public static final String MESSAGES_LOST = "nexconn.messages.lost";
  public static final String MESSAGES_DUPLICATED = "nexconn.messages.duplicated";
  public static final String MESSAGES_OUT_OF_ORDER = "nexconn.messages.out.of.order";
  public static final String MESSAGES_LATE = "nexconn.messages.late";
  public static final String UPSTREAM_CERTIFICATE_EXPIRY =
      "nexconn.upstream.certificate.expiry.timestamp";
  public static final String UPSTREAM_CHAIN_EARLIEST_EXPIRY =
      "nexconn.upstream.chain.earliest.expiry.timestamp";
  public static final String UPSTREAM_FRAMES_REJECTED = "nexconn.upstream.frames.rejected";
  public static final String TOKEN_FAILURES = "nexconn.token.failures";
  public static final String TOKEN_REFRESHES = "nexconn.token.refreshes";
  public static final String DATABASE_OPENED = "nexconn.database.opened";
  public static final String PRESENCE_CHANGES = "nexconn.presence.changes";
  public static final String SDK_STATUS_REPORTS = "nexconn.sdk.status.reports";
  public static final String EVENT_SINK_FAILURES = "nexconn.event.sink.failures";
  public static final String SERIES_FOLDED = "nexconn.metric.series.folded";
  public static final String PROBE_SECONDS = "nexconn.probe";
  public static final String PROBE_CONNECTED_SECONDS = "nexconn.probe.connected";
  public static final String PROBE_CONNECT_ATTEMPTS = "nexconn.probe.connect.attempts";
  public static final String BUILD_INFO = "nexconn.build.info";
  public static final String SHARD_ORDINAL = "nexconn.shard.ordinal";
  public static final String SHARD_COUNT = "nexconn.shard.count";

  /** Micrometer's name for the open descriptors, kept so dashboards need no change. */
  public static final String PROCESS_FILES_OPEN = "process.files.open";

  /** Micrometer's name for the descriptor limit. */
  public static final String PROCESS_FILES_MAX = "process.files.max";

  /** Prometheus names of the metrics whose label combinations are capped. */
  static final String PROM_STATUS_TRANSITIONS = "nexconn_connection_status_transitions_total";

  static final String PROM_DATABASE_OPENED = "nexconn_database_opened_total";
  static final String PROM_SDK_STATUS_REPORTS = "nexconn_sdk_status_reports_total";

  private MetricNames() {}
}
