package dev.nexconn.exporter.event;

import java.time.Instant;

/**
 * A new token was requested after {@code token_incorrect}.
 *
 * @param outcome {@code success} or {@code failure}
 */
public record TokenRefresh(EventSource source, Instant at, Dimensions dimensions, String outcome)
    implements ConnectionEvent {}
