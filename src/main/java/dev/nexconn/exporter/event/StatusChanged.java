package dev.nexconn.exporter.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A connection moved from one status to another.
 *
 * @param source who saw it
 * @param at when
 * @param dimensions bounded dimensions
 * @param connectionId the probe connection id (probes only; {@code ""} for SDK and webhook events)
 * @param userId the user id (never used as a metric label)
 * @param from the previous status, or {@code null} when the connection is new
 * @param to the new status
 * @param errorCode the SDK error code that caused the change, 0 when none
 */
public record StatusChanged(
    EventSource source,
    Instant at,
    Dimensions dimensions,
    String connectionId,
    String userId,
    ConnectionStatus from,
    ConnectionStatus to,
    int errorCode)
    implements ConnectionEvent {
  public StatusChanged {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(to, "to");
    dimensions = Objects.requireNonNullElse(dimensions, Dimensions.NONE);
    connectionId = Objects.requireNonNullElse(connectionId, "");
    userId = Objects.requireNonNullElse(userId, "");
  }
}
