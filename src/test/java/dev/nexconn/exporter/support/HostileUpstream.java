package dev.nexconn.exporter.support;

import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import dev.nexconn.exporter.transport.ProtocolCodes;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protocol v1 upstream on loopback that behaves until told to misbehave: it accepts every {@code
 * connect} with {@code connack 0}, answers pings, and on {@link #send} writes one {@link
 * GarbageFrame} on a user's live socket, down to raw WebSocket bytes (masked frames, reserved bits)
 * that no WebSocket library would write. It records what each user's probe did: its connects, the
 * {@code disconnect} frames it sent and the pongs it answered.
 *
 * <pre>{@code
 * try (HostileUpstream up = HostileUpstream.start()) {
 *   up.send("p1", GarbageFrame.NOT_UTF8);
 *   up.connects("p1");   // 2 once the probe has reconnected
 * }
 * }</pre>
 */
public final class HostileUpstream implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final Map<String, Channel> live = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> connects = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> pongs = new ConcurrentHashMap<>();
  private final List<String> disconnects = new CopyOnWriteArrayList<>();

  private HostileUpstream() throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(
                            new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath("/")
                                    .checkStartsWith(true)
                                    .maxFramePayloadLength(65536)
                                    .build()))
                        .addLast(new Session());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  /** Listens on an ephemeral loopback port. */
  public static HostileUpstream start() throws InterruptedException {
    return new HostileUpstream();
  }

  /** For example {@code ws://127.0.0.1:40123/v1/connect}. */
  public String url() {
    return "ws://127.0.0.1:"
        + ((InetSocketAddress) server.localAddress()).getPort()
        + "/v1/connect";
  }

  /** Connect frames received from {@code user}'s probe so far. */
  public int connects(String user) {
    return connects.computeIfAbsent(user, u -> new AtomicInteger()).get();
  }

  /** Pongs {@code user}'s probe answered to {@link #ping} so far. */
  public int pongs(String user) {
    return pongs.computeIfAbsent(user, u -> new AtomicInteger()).get();
  }

  /** Every {@code disconnect} a probe sent, as {@code user code reason}. */
  public List<String> disconnects() {
    return List.copyOf(disconnects);
  }

  /** Whether {@code user} has a socket open now. */
  public boolean online(String user) {
    Channel c = live.get(user);
    return c != null && c.isActive();
  }

  /** Writes {@code garbage} on {@code user}'s live socket and waits until it is sent. */
  public void send(String user, GarbageFrame garbage) throws InterruptedException {
    Channel c = requireLive(user);
    for (Object part : garbage.parts()) {
      if (!c.writeAndFlush(part).await(5, TimeUnit.SECONDS)) {
        throw new AssertionError("could not write " + garbage + " to " + user);
      }
    }
  }

  /** Sends a server {@code ping} on {@code user}'s live socket. */
  public void ping(String user, long id) {
    requireLive(user).writeAndFlush(new TextWebSocketFrame(FrameCodec.encode(new Frame.Ping(id))));
  }

  private Channel requireLive(String user) {
    Channel c = live.get(user);
    if (c == null || !c.isActive()) {
      throw new AssertionError(user + " has no live socket");
    }
    return c;
  }

  @Override
  public void close() throws InterruptedException {
    server.close().await(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }

  /** One socket: speaks protocol v1 like the emulator, minus every rule but connack 0. */
  private final class Session extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private String user;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame msg) {
      Frame frame = FrameCodec.decode(msg.text());
      if (frame instanceof Frame.Connect c) {
        String device = c.deviceId();
        user = device.substring(device.lastIndexOf('/') + 1);
        live.put(user, ctx.channel());
        connects.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
        Frame ack = new Frame.ConnAck(ProtocolCodes.OK, user, UUID.randomUUID().toString());
        ctx.writeAndFlush(new TextWebSocketFrame(FrameCodec.encode(ack)));
      } else if (frame instanceof Frame.Ping p) {
        ctx.writeAndFlush(new TextWebSocketFrame(FrameCodec.encode(new Frame.Pong(p.id()))));
      } else if (frame instanceof Frame.Pong) {
        pongs.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
      } else if (frame instanceof Frame.Disconnect d) {
        disconnects.add(user + " " + d.code() + " " + d.reason());
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (!(evt instanceof WebSocketServerProtocolHandler.HandshakeComplete)) {
        super.userEventTriggered(ctx, evt);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
