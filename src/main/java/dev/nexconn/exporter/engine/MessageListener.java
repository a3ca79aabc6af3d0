package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.transport.Frame;

/**
 * Receives the messages delivered to a probe connection. Setting one on a connection before it
 * connects makes it offer the protocol's {@code messages} feature; without one it is a plain v1
 * client. Called on the connection's context.
 */
@FunctionalInterface
public interface MessageListener {
  /** {@code d} arrived on {@code to}'s live session (it has been acknowledged already). */
  void delivered(ProbeConnection to, Frame.Deliver d);
}
