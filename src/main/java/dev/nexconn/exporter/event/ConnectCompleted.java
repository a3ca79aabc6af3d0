package dev.nexconn.exporter.event;

import java.time.Duration;
import java.time.Instant;

/**
 * A connection reached {@code connected}, with how long it took.
 *
 * @param connectionId the probe connection id ({@code ""} for SDK and webhook events)
 * @param connectDuration from the connect call (or the start of this reconnect attempt) to
 *     connected
 * @param recovery from the drop to connected again; {@code null} for a first connect
 */
public record ConnectCompleted(
    EventSource source,
    Instant at,
    Dimensions dimensions,
    String connectionId,
    Duration connectDuration,
    Duration recovery)
    implements ConnectionEvent {}
