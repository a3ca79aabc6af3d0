package dev.nexconn.exporter.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Answers a body that cannot be decoded (a bad chunk size) with 400 before Vert.x sees it: Vert.x
 * closes the connection on such a body without an answer, so the client never learns why and the
 * handler logs a failure that is not the sidecar's. Sits in the channel pipeline just before
 * Vert.x's own handler; every other message passes through untouched.
 */
final class BadBodyAnswer extends ChannelInboundHandlerAdapter {
  static final String NAME = "nexconnBadBodyAnswer";

  private final Runnable counted;

  BadBodyAnswer(Runnable counted) {
    this.counted = counted;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
      String why = String.valueOf(content.decoderResult().cause().getMessage());
      ReferenceCountUtil.release(msg);
      counted.run();
      byte[] body =
          ApiResponses.errorBody(
                  "malformed",
                  "the request body could not be read ("
                      + why.replaceAll("[^\\x20-\\x7e]", "?")
                      + "): send it with a Content-Length or valid chunked encoding")
              .encode()
              .getBytes(StandardCharsets.UTF_8);
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
