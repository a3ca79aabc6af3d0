package dev.nexconn.exporter.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A probe refused a message from its upstream ({@code docs/protocol.md}, "Malformed frames"). The
 * event carries the reason only: what the frame held stays out of every sink, since a frame can
 * carry a token.
 *
 * @param connectionId the probe connection id
 * @param reason why the message was refused
 */
public record UpstreamFrameRejected(
    EventSource source,
    Instant at,
    Dimensions dimensions,
    String connectionId,
    FrameRejectReason reason)
    implements ConnectionEvent {
  public UpstreamFrameRejected {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }
}
