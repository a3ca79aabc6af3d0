package dev.nexconn.exporter.event;

import java.time.Instant;

/**
 * A token was refused or could not be obtained.
 *
 * @param reason a bounded reason: {@code incorrect}, {@code expired}, {@code fetch_failed}, {@code
 *     refresh_exhausted}
 */
public record TokenFailure(EventSource source, Instant at, Dimensions dimensions, String reason)
    implements ConnectionEvent {}
