package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectionStatus;

/** Observes a connection's status changes, on the connection's Vert.x context. */
@FunctionalInterface
public interface StatusListener {
  /**
   * @param status the new status
   * @param errorCode the SDK error code behind it, 0 when none
   */
  void changed(ConnectionStatus status, int errorCode);
}
