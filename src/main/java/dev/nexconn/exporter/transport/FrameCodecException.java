package dev.nexconn.exporter.transport;

import java.util.Objects;

/**
 * A message from the peer is not a frame of protocol v1: {@link #fault()} says which rule it broke,
 * the message names the field and what was expected. The message never quotes a value of the frame
 * beyond a short protocol word, so it may be logged: a frame can carry a token.
 */
public final class FrameCodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FrameFault fault;

  public FrameCodecException(FrameFault fault, String message) {
    super(message);
    this.fault = Objects.requireNonNull(fault, "fault");
  }

  /** Which rule the message broke. */
  public FrameFault fault() {
    return fault;
  }
}
