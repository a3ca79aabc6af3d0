package dev.nexconn.exporter.transport;

import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * One open socket to the upstream. Handlers are called on the context that opened the link.
 * Implementations hold no timers or threads of their own.
 */
public interface UpstreamLink {
  /** Sends one frame; the future fails when the socket is closed. */
  Future<Void> send(Frame frame);

  /** Sets the handler for decoded frames from the upstream. */
  void frameHandler(Consumer<Frame> handler);

  /**
   * Sets the handler called once when the socket closes, for whatever reason, with a close code
   * (WebSocket close status, or 1006 for an abnormal drop).
   */
  void closeHandler(Consumer<Integer> handler);

  /** Sets the handler for frames that could not be decoded. */
  void protocolErrorHandler(Consumer<FrameCodecException> handler);

  /**
   * Sets all three handlers at once. Implementations may keep the listener itself instead of three
   * lambdas.
   */
  default void listener(LinkListener listener) {
    frameHandler(listener::onFrame);
    closeHandler(listener::onClosed);
    protocolErrorHandler(listener::onProtocolError);
  }

  /** Closes the socket; the close handler still runs. */
  Future<Void> close();
}
