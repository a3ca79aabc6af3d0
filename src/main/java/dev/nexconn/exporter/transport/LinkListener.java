package dev.nexconn.exporter.transport;

/**
 * Receives everything an {@link UpstreamLink} reports, through one reference: a link that keeps a
 * listener instead of three handler lambdas saves heap on every idle connection.
 */
public interface LinkListener {
  /** A decoded frame from the upstream. */
  void onFrame(Frame frame);

  /** The socket closed, with the WebSocket close code (1006 for an abnormal drop). */
  void onClosed(int code);

  /** A text message could not be decoded. */
  void onProtocolError(FrameCodecException error);
}
