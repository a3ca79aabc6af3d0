package dev.nexconn.exporter.api;

import io.netty.channel.socket.SocketChannel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Ends a connection whose request was refused before its body was read (401, 413, 429...): stop
 * reading (the body is never buffered or drained), send FIN after the answer so the client reads it
 * whole, and close a moment later. Closing at once would make the kernel answer the client's
 * in-flight body with a reset, which can destroy the answer before the client reads it.
 */
final class LingeringClose {
  /** How long the client has to read the answer before the socket is closed. */
  static final long LINGER_MILLIS = 1000;

  private LingeringClose() {}

  static void after(HttpServerRequest request, Vertx vertx) {
    request.pause();
    if (request.connection() instanceof ConnectionBase base
        && base.channel() instanceof SocketChannel socket
        && socket.isActive()) {
      // After everything already written has reached the kernel: an empty write queues behind the
      // answer, and a FIN sent before the answer is flushed would cut it short (EOF at the client).
      socket
          .writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(
              f -> {
                if (socket.isActive()) {
                  socket.shutdownOutput();
                }
              });
    }
    vertx.setTimer(LINGER_MILLIS, t -> request.connection().close());
  }
}
