package dev.nexconn.exporter.transport;

import io.vertx.core.Future;

/**
 * Opens sockets to the upstream. The WebSocket implementation speaks protocol v1 to the emulator or
 * to a gateway in front of the real service; tests plug in a fake.
 */
public interface UpstreamTransport {
  /**
   * Opens a socket. The future fails with {@link UpstreamUnreachableException} when the upstream
   * (or the configured proxy) cannot be reached.
   */
  Future<UpstreamLink> open();

  /** Releases pooled resources. */
  Future<Void> close();
}
