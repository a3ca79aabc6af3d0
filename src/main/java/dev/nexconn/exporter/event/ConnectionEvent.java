package dev.nexconn.exporter.event;

import java.time.Instant;

/**
 * One thing that happened to a Nexconn connection, from any source. Every source (probe engine, SDK
 * report ingest, presence webhook) produces these records and every sink (metrics, alerting, status
 * API) consumes them; sinks tell sources apart only through {@link #source()}.
 */
public sealed interface ConnectionEvent
    permits StatusChanged,
        ReconnectAttempt,
        TokenFailure,
        TokenRefresh,
        DatabaseOpened,
        PresenceChanged,
        ConnectCompleted,
        HeartbeatMeasured,
        ConnectAttemptTraced,
        TlsCertificateSeen,
        MessageProbed,
        UpstreamFrameRejected {

  /** Which kind of producer saw the event. */
  EventSource source();

  /** When it happened (the reporter's clock for SDK reports, the sidecar's for probes). */
  Instant at();

  /** Bounded dimensions: platform, app version, os. */
  Dimensions dimensions();
}
