package dev.nexconn.exporter.event;

import java.time.Duration;
import java.time.Instant;

/**
 * The fate of one probe message between a pair of probes: delivered in time (with its round trip),
 * lost (not delivered within the deadline), delivered again (duplicate), delivered after a later
 * one of the same direction (out of order), or delivered after it had been counted lost (late).
 *
 * @param path how it was sent
 * @param outcome what happened to it
 * @param roundTrip send to delivery; set for {@link Outcome#DELIVERED}, {@link Outcome#LATE} and
 *     {@link Outcome#OUT_OF_ORDER}, null otherwise
 */
public record MessageProbed(
    EventSource source,
    Instant at,
    Dimensions dimensions,
    Path path,
    Outcome outcome,
    Duration roundTrip)
    implements ConnectionEvent {

  /** How a probe message travels; the {@code path} label. */
  public enum Path {
    /** A {@code send} frame on the sender probe's own connection. */
    PROBE("probe"),
    /** The Server API's {@code /v4/direct-channel/message/send}. */
    SERVER_API("server_api");

    private final String label;

    Path(String label) {
      this.label = label;
    }

    /** The metric label value. */
    public String label() {
      return label;
    }
  }

  /** What happened to a message. */
  public enum Outcome {
    DELIVERED,
    LOST,
    DUPLICATED,
    OUT_OF_ORDER,
    LATE
  }
}
