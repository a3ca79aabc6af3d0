package dev.nexconn.exporter.support;

import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare protocol v1 client for emulator tests: sends frames, queues what comes back. */
public final class ProtocolTestClient {
  private static final List<ProtocolTestClient> OPEN = new CopyOnWriteArrayList<>();

  private final WebSocket socket;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private ProtocolTestClient(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(t -> frames.add(FrameCodec.decode(t)));
    socket.closeHandler(
        v ->
            closed.complete(
                socket.closeStatusCode() == null ? 1006 : (int) socket.closeStatusCode()));
    socket.exceptionHandler(e -> {});
    OPEN.add(this);
  }

  /**
   * Closes every client still open, from the client side, and waits for the close handshakes, so
   * that closing Vert.x afterwards does not wait out the server's WebSocket closing timeout.
   */
  public static void closeAll() {
    for (ProtocolTestClient c : OPEN) {
      if (!c.isClosed()) {
        c.socket.close();
      }
    }
    for (ProtocolTestClient c : OPEN) {
      try {
        c.closed.get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a socket that does not close in time is left to Vert.x's own shutdown
      }
    }
    OPEN.clear();
  }

  /** Opens a socket to the emulator's connection endpoint. */
  public static ProtocolTestClient open(Vertx vertx, int port) {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      WebSocket ws =
          client
              .connect(
                  new WebSocketConnectOptions()
                      .setHost("127.0.0.1")
                      .setPort(port)
                      .setURI("/v1/connect"))
              .await(10, TimeUnit.SECONDS);
      return new ProtocolTestClient(ws);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens a socket and sends a first connect; returns the client (read the connack with next). */
  public static ProtocolTestClient connect(
      Vertx vertx, int port, String token, String deviceId, boolean reconnect, boolean kick) {
    ProtocolTestClient c = open(vertx, port);
    c.send(new Frame.Connect(token, reconnect, kick, deviceId, "ios"));
    return c;
  }

  public void send(Frame frame) {
    socket.writeTextMessage(FrameCodec.encode(frame));
  }

  /** The next frame, or null after {@code millis}. */
  public Frame next(long millis) {
    try {
      return frames.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The next frame, failing after 5 s. */
  public Frame next() {
    Frame f = next(5_000);
    if (f == null) {
      throw new AssertionError("no frame within 5 s");
    }
    return f;
  }

  /** The WebSocket close code once closed (1006 when no close frame came), waiting up to 5 s. */
  public int closeCode() {
    try {
      return closed.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within 5 s", e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  public void close() {
    socket.close();
  }
}
