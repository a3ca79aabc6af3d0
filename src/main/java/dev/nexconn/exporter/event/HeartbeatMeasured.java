package dev.nexconn.exporter.event;

import java.time.Duration;
import java.time.Instant;

/**
 * A heartbeat ping was answered.
 *
 * @param connectionId the probe connection id
 * @param rtt time from ping sent to pong received
 */
public record HeartbeatMeasured(
    EventSource source, Instant at, Dimensions dimensions, String connectionId, Duration rtt)
    implements ConnectionEvent {}
