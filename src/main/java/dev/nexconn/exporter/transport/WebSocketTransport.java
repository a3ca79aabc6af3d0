package dev.nexconn.exporter.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
  /** Concurrent sockets per upstream host: the probe budget with room to spare. */
  public static final int MAX_SOCKETS = 100_000;

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

  /**
   * A transport for {@code upstream} ({@code ws://} or {@code wss://}).
   *
   * @param caFile PEM CA certificate(s) to trust for {@code wss://}; {@code null} uses the JVM's
   *     trust store
   * @param proxy an HTTP CONNECT or SOCKS5 proxy; {@code null} connects directly
   * @param connectTimeout TCP connect timeout (to the upstream or the proxy)
   */
  public static WebSocketTransport create(
      Vertx vertx, URI upstream, Path caFile, ProxyOptions proxy, Duration connectTimeout) {
    WebSocketClientOptions options =
        new WebSocketClientOptions()
            .setConnectTimeout((int) Math.max(1, connectTimeout.toMillis()))
            // Vert.x queues WebSockets beyond 50 per host by default; probes are thousands.
            .setMaxConnections(MAX_SOCKETS)
            // Probes are many small idle sockets: no pooled buffers beyond what a frame needs.
            .setMaxFrameSize(FrameCodec.MAX_FRAME_CHARS * 4)
            .setMaxMessageSize(FrameCodec.MAX_FRAME_CHARS * 4);
    if ("wss".equalsIgnoreCase(upstream.getScheme())) {
      options.setSsl(true).setVerifyHost(true);
      if (caFile != null) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
      }
    }
    if (proxy != null) {
      options.setProxyOptions(proxy);
    }
    return new WebSocketTransport(vertx, upstream, options);
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
