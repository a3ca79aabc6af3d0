package dev.nexconn.exporter.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * {@link UpstreamTransport} on a bare Netty WebSocket client that runs on the caller's Vert.x event
 * loop. It exists for the probe budget: Vert.x's own WebSocket client allocates two 1024-slot
 * message queues per connection (about 8 KB held while idle); this client holds only the Netty
 * channel, its pipeline and the WebSocket codec. Supports {@code ws://}, {@code wss://} with a
 * custom CA, and HTTP CONNECT or SOCKS5 proxies.
 *
 * <pre>{@code
 * UpstreamTransport t = NettyWebSocketTransport.create(vertx, URI.create("wss://gw:443/v1/connect"),
 *     Path.of("/etc/ca.pem"), null, Duration.ofSeconds(10));
 * }</pre>
 */
public final class NettyWebSocketTransport implements UpstreamTransport {
  private final VertxInternal vertx;
  private final URI upstream;
  private final InetSocketAddress target;
  private final SslContext ssl;
  private final ProxySpec proxy;
  private final InetSocketAddress proxyAddress;
  private final int connectTimeoutMillis;
  private final HostResolver resolver;

  /**
   * A proxy in front of the upstream.
   *
   * @param socks5 SOCKS5 when true, HTTP CONNECT otherwise
   * @param username optional
   * @param password optional
   */
  public record ProxySpec(boolean socks5, String host, int port, String username, String password) {
    @Override
    public String toString() {
      return "ProxySpec[" + (socks5 ? "socks5" : "http") + "://" + host + ":" + port + "]";
    }
  }

  private NettyWebSocketTransport(
      Vertx vertx,
      URI upstream,
      SslContext ssl,
      ProxySpec proxy,
      Duration connectTimeout,
      HostResolver resolver) {
    this.vertx = (VertxInternal) vertx;
    this.resolver = resolver != null ? resolver : this.vertx.nameResolver()::resolve;
    this.upstream = upstream;
    boolean secure = ssl != null;
    int port = upstream.getPort() > 0 ? upstream.getPort() : (secure ? 443 : 80);
    this.target = InetSocketAddress.createUnresolved(upstream.getHost(), port);
    this.ssl = ssl;
    this.proxy = proxy;
    // Resolved once, when the transport is built at start-up, never on an event loop.
    this.proxyAddress = proxy == null ? null : new InetSocketAddress(proxy.host(), proxy.port());
    this.connectTimeoutMillis = (int) Math.max(1, connectTimeout.toMillis());
  }

  /**
   * A transport for {@code upstream} ({@code ws://} or {@code wss://}).
   *
   * @param caFile PEM CA certificate(s) to trust for {@code wss://}; {@code null}: the JVM's
   * @param proxy {@code null} connects directly
   * @throws IllegalArgumentException when the CA file cannot be used
   */
  public static NettyWebSocketTransport create(
      Vertx vertx, URI upstream, Path caFile, ProxySpec proxy, Duration connectTimeout) {
    return create(vertx, upstream, caFile, proxy, connectTimeout, null);
  }

  /**
   * A transport as {@link #create(Vertx, URI, Path, ProxySpec, Duration)} that resolves the
   * upstream's host name with {@code resolver} ({@code null}: Vert.x's resolver).
   */
  public static NettyWebSocketTransport create(
      Vertx vertx,
      URI upstream,
      Path caFile,
      ProxySpec proxy,
      Duration connectTimeout,
      HostResolver resolver) {
    SslContext ssl = null;
    if ("wss".equalsIgnoreCase(upstream.getScheme())) {
      try {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (caFile != null) {
          b.trustManager(caFile.toFile());
        }
        ssl = b.build();
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot use CA file " + caFile + ": " + e.getMessage(), e);
      }
    }
    return new NettyWebSocketTransport(vertx, upstream, ssl, proxy, connectTimeout, resolver);
  }

  @Override
  public Future<UpstreamLink> open() {
    ContextInternal context = vertx.getOrCreateContext();
    Promise<UpstreamLink> opened = context.promise();
    String host = target.getHostString();
    boolean literal = NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
    // Through a proxy the proxy resolves the upstream name; an IP literal needs no lookup.
    boolean lookup = proxyAddress == null && !literal;
    OpenAttempt attempt = new OpenAttempt(opened, this, lookup ? OpenPhase.DNS : OpenPhase.TCP);
    // One timer bounds the whole open (DNS, TCP, TLS, upgrade) and exists only while opening:
    // Netty's own connect timeout leaves its cancelled task referenced from the channel for the
    // channel's life, and a silent peer would otherwise hold the socket open forever.
    attempt.timer(
        vertx.setTimer(connectTimeoutMillis, t -> attempt.timedOut(connectTimeoutMillis)));
    opened.future().onComplete(ar -> vertx.cancelTimer(attempt.timer()));
    if (!lookup) {
      connect(context, attempt, literal ? ipLiteral(host) : target);
      return opened.future();
    }
    resolver
        .resolve(host)
        .onComplete(
            ar ->
                context.runOnContext(
                    v -> {
                      if (attempt.done()) {
                        return;
                      }
                      if (ar.failed()) {
                        attempt.fail(ar.cause());
                      } else {
                        attempt.enter(OpenPhase.TCP);
                        connect(
                            context, attempt, new InetSocketAddress(ar.result(), target.getPort()));
                      }
                    }));
    return opened.future();
  }

  private InetSocketAddress ipLiteral(String host) {
    try {
      return new InetSocketAddress(
          InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(host)),
          target.getPort());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("not an IP literal: " + host, e);
    }
  }

  private void connect(ContextInternal context, OpenAttempt attempt, InetSocketAddress address) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(context.nettyEventLoop())
            .channelFactory(vertx.transport().channelFactory(false))
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
            .option(ChannelOption.TCP_NODELAY, true)
            // The address is resolved already (or the proxy resolves it).
            .resolver(NoopAddressResolverGroup.INSTANCE)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    pipeline(ch, context, attempt);
                  }
                });
    ChannelFuture connecting = bootstrap.connect(address);
    attempt.channel(connecting.channel(), attempt.timer());
    connecting.addListener(
        (ChannelFutureListener)
            f -> {
              if (!f.isSuccess()) {
                attempt.fail(f.cause());
              } else if (proxy == null) {
                attempt.enter(ssl != null ? OpenPhase.TLS : OpenPhase.WS_UPGRADE);
              }
            });
  }

  private void pipeline(Channel ch, ContextInternal context, OpenAttempt attempt) {
    ChannelPipeline p = ch.pipeline();
    if (proxy != null) {
      InetSocketAddress at = proxyAddress;
      ProxyHandler h =
          proxy.socks5()
              ? new Socks5ProxyHandler(at, proxy.username(), proxy.password())
              : proxy.username() == null
                  ? new HttpProxyHandler(at)
                  : new HttpProxyHandler(at, proxy.username(), proxy.password());
      h.setConnectTimeoutMillis(connectTimeoutMillis);
      h.connectFuture()
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  attempt.enter(ssl != null ? OpenPhase.TLS : OpenPhase.WS_UPGRADE);
                }
              });
      p.addLast(h);
    }
    if (ssl != null) {
      SslHandler tls = ssl.newHandler(ch.alloc(), target.getHostString(), target.getPort());
      SSLParameters params = tls.engine().getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.engine().setSSLParameters(params);
      tls.handshakeFuture()
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  attempt.tlsExpiry(peerExpiry(tls));
                  attempt.enter(OpenPhase.WS_UPGRADE);
                } else {
                  attempt.fail(f.cause());
                }
              });
      p.addLast(tls);
    }
    p.addLast(new HttpClientCodec());
    p.addLast(new HttpObjectAggregator(FrameCodec.MAX_FRAME_CHARS));
    p.addLast(
        new NettyLink(
            ch,
            context,
            attempt,
            WebSocketClientHandshakerFactory.newHandshaker(
                upstream,
                WebSocketVersion.V13,
                null,
                false,
                EmptyHttpHeaders.INSTANCE,
                FrameCodec.MAX_FRAME_CHARS * 4)));
  }

  private static TlsExpiry peerExpiry(SslHandler tls) {
    try {
      return TlsExpiry.of(tls.engine().getSession().getPeerCertificates());
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  UpstreamUnreachableException unreachable(
      Throwable cause, OpenFailure failure, ConnectTrace trace) {
    String where =
        proxy != null
            ? "through proxy " + proxy.host() + ":" + proxy.port()
            : target.getHostString() + ":" + target.getPort();
    String why = cause == null ? "closed during the handshake" : cause.getMessage();
    return new UpstreamUnreachableException(
        "cannot open upstream socket " + where + " (" + failure.label() + "): " + why,
        proxy != null,
        cause,
        failure,
        trace);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
