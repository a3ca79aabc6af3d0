package dev.nexconn.exporter.transport;

import java.util.Locale;

/**
 * Why a message from the upstream is not a frame of protocol v1: a closed set, so that it can be a
 * metric label ({@code nexconn_upstream_frames_rejected_total{reason}}). {@link FrameCodec} tells
 * apart the JSON-level faults, the link the WebSocket-level ones.
 */
public enum FrameFault {
  /** A text message over {@link FrameCodec#MAX_FRAME_CHARS}, or a WebSocket frame over 32 KiB. */
  TOO_LARGE,
  /** A text message whose bytes are not UTF-8. */
  NOT_UTF8,
  /** Empty, or not one JSON object (a truncated object is not one). */
  NOT_JSON,
  /** A JSON object whose {@code v} is not {@value Frame#VERSION}. */
  BAD_VERSION,
  /** A {@code type} that is not a frame type of version 1. */
  UNKNOWN_TYPE,
  /** A required field missing, or a field of the wrong type or out of range. */
  BAD_FIELD,
  /** A binary or fragmented message: the protocol sends each frame as one whole text message. */
  NOT_TEXT,
  /**
   * A frame the WebSocket layer refused (masked by the server, reserved bits, an unknown opcode, a
   * bad control frame).
   */
  WEBSOCKET_VIOLATION,
  /** The Web SDK driver answered a command for the probe with {@code ERROR}. */
  DRIVER_ERROR;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The label value, e.g. {@code not_json}. */
  public String label() {
    return label;
  }
}
