package dev.nexconn.exporter.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.function.Consumer;

/**
 * {@link UpstreamTransport} over Vert.x WebSockets ({@code ws://} or {@code wss://}).
 *
 * <pre>{@code
 * UpstreamTransport t = new WebSocketTransport(vertx, URI.create("ws://127.0.0.1:9000/v1/connect"),
 *     new WebSocketClientOptions());
 * }</pre>
 */
public final class WebSocketTransport implements UpstreamTransport {
  private final WebSocketClient client;
  private final WebSocketConnectOptions connectOptions;
  private final boolean viaProxy;

  public WebSocketTransport(Vertx vertx, URI upstream, WebSocketClientOptions options) {
    this.client = vertx.createWebSocketClient(options);
    this.viaProxy = options.getProxyOptions() != null;
    boolean ssl = "wss".equalsIgnoreCase(upstream.getScheme());
    int port = upstream.getPort() > 0 ? upstream.getPort() : (ssl ? 443 : 80);
    String path =
        upstream.getRawPath() == null || upstream.getRawPath().isEmpty()
            ? "/"
            : upstream.getRawPath();
    this.connectOptions =
        new WebSocketConnectOptions()
            .setHost(upstream.getHost())
            .setPort(port)
            .setSsl(ssl)
            .setURI(path);
  }

  @Override
  public Future<UpstreamLink> open() {
    return client
        .connect(connectOptions)
        .<UpstreamLink>map(Link::new)
        .recover(
            err ->
                Future.failedFuture(
                    new UpstreamUnreachableException(
                        "cannot open upstream socket to "
                            + connectOptions.getHost()
                            + ":"
                            + connectOptions.getPort()
                            + ": "
                            + err.getMessage(),
                        viaProxy,
                        err)));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private static final class Link implements UpstreamLink {
    private final WebSocket socket;
    private Consumer<Frame> frames = f -> {};
    private Consumer<FrameCodecException> errors = e -> {};

    Link(WebSocket socket) {
      this.socket = socket;
      socket.textMessageHandler(
          text -> {
            Frame frame;
            try {
              frame = FrameCodec.decode(text);
            } catch (FrameCodecException e) {
              errors.accept(e);
              return;
            }
            frames.accept(frame);
          });
      socket.exceptionHandler(err -> {});
    }

    @Override
    public Future<Void> send(Frame frame) {
      return socket.writeTextMessage(FrameCodec.encode(frame));
    }

    @Override
    public void frameHandler(Consumer<Frame> handler) {
      this.frames = handler;
    }

    @Override
    public void closeHandler(Consumer<Integer> handler) {
      socket.closeHandler(
          v -> {
            Short status = socket.closeStatusCode();
            handler.accept(status == null ? 1006 : status.intValue());
          });
    }

    @Override
    public void protocolErrorHandler(Consumer<FrameCodecException> handler) {
      this.errors = handler;
    }

    @Override
    public Future<Void> close() {
      return socket.close();
    }
  }
}
