package dev.nexconn.exporter.event;

import java.time.Duration;
import java.time.Instant;

/**
 * A connection is about to try again after a failure or drop.
 *
 * @param attempt 1 for the first retry after a drop or failure
 * @param delay the wait before this attempt
 */
public record ReconnectAttempt(
    EventSource source,
    Instant at,
    Dimensions dimensions,
    String connectionId,
    int attempt,
    Duration delay)
    implements ConnectionEvent {}
