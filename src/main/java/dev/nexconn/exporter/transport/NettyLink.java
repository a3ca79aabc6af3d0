package dev.nexconn.exporter.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;

/**
 * The last handler of a {@link NettyWebSocketTransport} channel and the {@link UpstreamLink} over
 * it: runs the WebSocket handshake itself (no handshake handler, timeout task or UTF-8 validator
 * stays in the pipeline; the engine's connack deadline bounds the handshake), then decodes text
 * frames, answers WebSocket pings and reports the close. Handlers run on the opening Vert.x
 * context.
 */
final class NettyLink extends SimpleChannelInboundHandler<Object> implements UpstreamLink {
  private static final LinkListener NO_LISTENER =
      new LinkListener() {
        @Override
        public void onFrame(Frame frame) {}

        @Override
        public void onClosed(int code) {}

        @Override
        public void onProtocolError(FrameCodecException error) {}
      };

  private final Channel channel;
  private final ContextInternal context;
  private OpenAttempt attempt;
  private ConnectTrace trace;
  private WebSocketClientHandshaker handshaker;
  private LinkListener listener = NO_LISTENER;
  private int closeCode = 1006;

  NettyLink(
      Channel channel,
      ContextInternal context,
      OpenAttempt attempt,
      WebSocketClientHandshaker handshaker) {
    this.handshaker = handshaker;
    this.channel = channel;
    this.context = context;
    this.attempt = attempt;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    // A proxy or TLS handler in front holds this write until its own handshake is done.
    handshaker.handshake(ctx.channel());
    super.channelActive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
    if (handshaker != null) {
      if (msg instanceof FullHttpResponse response) {
        try {
          handshaker.finishHandshake(ctx.channel(), response);
        } catch (RuntimeException e) {
          failOpen(e);
          ctx.close();
          return;
        }
        handshaker = null;
        OpenAttempt done = attempt;
        attempt = null;
        if (!done.succeed()) {
          ctx.close();
          return;
        }
        trace = done.trace();
        context.runOnContext(v -> done.promise().tryComplete(this));
      }
      return;
    }
    if (msg instanceof TextWebSocketFrame text) {
      String s = text.text();
      context.runOnContext(v -> deliver(s));
    } else if (msg instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
    } else if (msg instanceof CloseWebSocketFrame close) {
      closeCode = close.statusCode();
      ctx.close();
    }
  }

  /** Fails a pending open; the attempt is dropped so an open link holds no reference to it. */
  private void failOpen(Throwable cause) {
    if (attempt != null) {
      attempt.fail(cause);
      attempt = null;
    }
  }

  @Override
  public ConnectTrace takeTrace() {
    ConnectTrace t = trace;
    trace = null;
    return t;
  }

  private void deliver(String text) {
    Frame frame;
    try {
      frame = FrameCodec.decode(text);
    } catch (FrameCodecException e) {
      listener.onProtocolError(e);
      return;
    }
    listener.onFrame(frame);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    failOpen(cause);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    int code = closeCode;
    if (attempt != null) {
      failOpen(null);
    } else {
      context.runOnContext(v -> listener.onClosed(code));
    }
    super.channelInactive(ctx);
  }

  @Override
  public Future<Void> send(Frame frame) {
    Promise<Void> sent = context.promise();
    channel
        .writeAndFlush(new TextWebSocketFrame(FrameCodec.encode(frame)))
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    sent.tryComplete();
                  } else {
                    sent.tryFail(f.cause());
                  }
                });
    return sent.future();
  }

  @Override
  public void listener(LinkListener l) {
    listener = l;
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = context.promise();
    channel
        .writeAndFlush(new CloseWebSocketFrame(1000, "bye"))
        .addListener((ChannelFutureListener) f -> channel.close())
        .channel()
        .closeFuture()
        .addListener((ChannelFutureListener) f -> done.tryComplete());
    return done.future();
  }
}
