package dev.nexconn.exporter.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;

/**
 * The last handler of a {@link NettyWebSocketTransport} channel and the {@link UpstreamLink} over
 * it: runs the WebSocket handshake itself (no handshake handler, timeout task or UTF-8 validator
 * stays in the pipeline; the engine's connack deadline bounds the handshake), then decodes text
 * frames, answers WebSocket pings and reports the close. Handlers run on the opening Vert.x
 * context.
 *
 * <p>A message that is not a v1 frame (not UTF-8, binary or fragmented, refused by the WebSocket
 * decoder, or refused by {@link FrameCodec}) is reported once through {@link
 * LinkListener#onProtocolError} with its {@link FrameFault}; the listener closes the link, and
 * nothing read after the fault is delivered.
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
  // Set once a fault is reported. Touched only on the channel's event loop, which is also the
  // opening context's thread.
  private boolean rejected;

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
      if (rejected) {
        return;
      }
      if (!text.isFinalFragment()) {
        reject(FrameFault.NOT_TEXT, "a fragmented text message: send each frame as one message");
      } else if (!ByteBufUtil.isText(text.content(), StandardCharsets.UTF_8)) {
        reject(
            FrameFault.NOT_UTF8,
            "a text message of " + text.content().readableBytes() + " bytes that are not UTF-8");
      } else {
        String s = text.text();
        context.runOnContext(v -> deliver(s));
      }
    } else if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
      if (!rejected) {
        reject(
            FrameFault.NOT_TEXT,
            (msg instanceof BinaryWebSocketFrame ? "a binary message" : "a continuation frame")
                + ": protocol v1 sends each frame as one text message");
      }
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
    if (rejected) {
      return;
    }
    Frame frame;
    try {
      frame = FrameCodec.decode(text);
    } catch (FrameCodecException e) {
      rejected = true;
      listener.onProtocolError(e);
      return;
    }
    listener.onFrame(frame);
  }

  /** Reports a fault found before decoding, on the context, once per link. */
  private void reject(FrameFault fault, String message) {
    rejected = true;
    FrameCodecException e = new FrameCodecException(fault, message);
    context.runOnContext(v -> listener.onProtocolError(e));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Netty's decoder has already answered a bad WebSocket frame with close 1002 or 1009.
    if (attempt == null
        && handshaker == null
        && !rejected
        && cause instanceof CorruptedWebSocketFrameException bad) {
      boolean tooBig = bad.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG;
      reject(
          tooBig ? FrameFault.TOO_LARGE : FrameFault.WEBSOCKET_VIOLATION,
          "the WebSocket decoder refused a frame (close "
              + bad.closeStatus().code()
              + "): "
              + (bad.getMessage() != null ? bad.getMessage() : bad.closeStatus().reasonText()));
    }
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
