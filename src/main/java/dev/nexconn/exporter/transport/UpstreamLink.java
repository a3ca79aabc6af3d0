package dev.nexconn.exporter.transport;

import io.vertx.core.Future;

/**
 * One open socket to the upstream. The listener is called on the context that opened the link.
 * Implementations hold no timers or threads of their own.
 */
public interface UpstreamLink {
  /** Sends one frame; the future fails when the socket is closed. */
  Future<Void> send(Frame frame);

  /**
   * Sets the one listener for decoded frames, the close (once, with the WebSocket close code, or
   * 1006 for an abnormal drop) and frames that could not be decoded. One reference rather than
   * three handler lambdas: it saves heap on every idle probe connection.
   */
  void listener(LinkListener listener);

  /**
   * How the open of this link went, phase by phase; returned once, then {@code null}, so that an
   * idle link keeps no trace. {@code null} for transports that do not measure phases.
   */
  default ConnectTrace takeTrace() {
    return null;
  }

  /** Closes the socket; the listener still hears the close. */
  Future<Void> close();
}
