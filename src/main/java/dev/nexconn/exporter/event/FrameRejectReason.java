package dev.nexconn.exporter.event;

import java.util.Locale;

/**
 * Why a probe refused a message from its upstream: a closed set, the value of the {@code reason}
 * label of {@code nexconn_upstream_frames_rejected_total}. Every reason but {@link #NOT_NEGOTIATED}
 * ends the socket (the probe reconnects); that one is a well-formed frame of a feature the session
 * did not negotiate, dropped with the session kept.
 */
public enum FrameRejectReason {
  /** A text message over 8192 characters, or a WebSocket frame over 32 KiB. */
  TOO_LARGE,
  /** A text message whose bytes are not UTF-8. */
  NOT_UTF8,
  /** Empty, or not one JSON object (a truncated object is not one). */
  NOT_JSON,
  /** A JSON object whose {@code v} is not 1. */
  BAD_VERSION,
  /** A {@code type} that is not a frame type of protocol v1. */
  UNKNOWN_TYPE,
  /** A required field missing, or a field of the wrong type or out of range. */
  BAD_FIELD,
  /** A binary or fragmented WebSocket message. */
  NOT_TEXT,
  /** A frame the WebSocket layer refused (masked, reserved bits, unknown opcode). */
  WEBSOCKET_VIOLATION,
  /** The Web SDK driver answered a command for the probe with an error. */
  DRIVER_ERROR,
  /** A valid frame the session must not receive: not negotiated, or a client-only type. */
  NOT_NEGOTIATED;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The label value, e.g. {@code not_json}. */
  public String label() {
    return label;
  }

  /** Whether the probe ends the socket over it (every reason but {@link #NOT_NEGOTIATED}). */
  public boolean closesLink() {
    return this != NOT_NEGOTIATED;
  }
}
