package dev.nexconn.exporter.transport;

/** A wire frame could not be decoded; the message names the field and what was expected. */
public final class FrameCodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FrameCodecException(String message) {
    super(message);
  }
}
