package dev.nexconn.exporter.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One connect attempt ended, successfully or not: how long each phase that completed took, and, on
 * failure, the reason (which names the phase it failed in).
 *
 * @param connectionId the probe connection id
 * @param phases the completed phases and their durations (a phase that did not run is absent)
 * @param failure why the attempt failed; {@code null} when it reached {@code connack 0}
 */
public record ConnectAttemptTraced(
    EventSource source,
    Instant at,
    Dimensions dimensions,
    String connectionId,
    Map<ConnectPhase, Duration> phases,
    ConnectFailureReason failure)
    implements ConnectionEvent {
  public ConnectAttemptTraced {
    Objects.requireNonNull(source, "source");
    phases = Map.copyOf(phases);
  }
}
