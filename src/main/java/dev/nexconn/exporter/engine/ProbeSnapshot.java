package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectionStatus;
import java.time.Instant;

/**
 * A point-in-time view of one probe connection, safe to serialize (no token).
 *
 * @param id the probe connection id
 * @param userId the probe user
 * @param group the probe group name
 * @param status current status
 * @param since when the status was entered
 * @param reconnects automatic reconnect attempts so far
 */
public record ProbeSnapshot(
    String id,
    String userId,
    String group,
    ConnectionStatus status,
    Instant since,
    int reconnects) {}
