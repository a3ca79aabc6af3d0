package dev.nexconn.exporter.support;

import dev.nexconn.exporter.event.FrameRejectReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A message no protocol v1 upstream may send, as {@link HostileUpstream} writes it, and the reason
 * the probe must count it under. Every reason of {@link FrameRejectReason} that a socket can carry
 * has at least one; {@code driver_error} comes only from the Web SDK driver.
 */
public enum GarbageFrame {
  /** 9000 characters of otherwise valid JSON: over the codec's 8192. */
  LONG_TEXT(FrameRejectReason.TOO_LARGE),
  /** One WebSocket frame of 40,000 bytes: over the decoder's 32 KiB. */
  HUGE_FRAME(FrameRejectReason.TOO_LARGE),
  /** A ping whose padding holds the bytes C3 28, which are not UTF-8. */
  NOT_UTF8(FrameRejectReason.NOT_UTF8),
  /** An empty text message. */
  EMPTY(FrameRejectReason.NOT_JSON),
  /** Plain words. */
  PROSE(FrameRejectReason.NOT_JSON),
  /** A pong cut off after its last key. */
  TRUNCATED(FrameRejectReason.NOT_JSON),
  /** A JSON array instead of an object. */
  ARRAY(FrameRejectReason.NOT_JSON),
  /** {@code "v":2}. */
  VERSION_2(FrameRejectReason.BAD_VERSION),
  /** A version that is a token-sized string. */
  VERSION_STRING(FrameRejectReason.BAD_VERSION),
  /** {@code "type":"hello"}. */
  UNKNOWN_TYPE(FrameRejectReason.UNKNOWN_TYPE),
  /** A pong whose id is a string. */
  PONG_ID_STRING(FrameRejectReason.BAD_FIELD),
  /** A disconnect without its code. */
  DISCONNECT_NO_CODE(FrameRejectReason.BAD_FIELD),
  /** A valid ping, in a binary message. */
  BINARY(FrameRejectReason.NOT_TEXT),
  /** A valid ping split over a text fragment and a continuation frame. */
  FRAGMENTED(FrameRejectReason.NOT_TEXT),
  /** A text frame masked by the server (RFC 6455 forbids it). */
  MASKED(FrameRejectReason.WEBSOCKET_VIOLATION),
  /** A text frame with RSV1 set and no extension negotiated. */
  RESERVED_BIT(FrameRejectReason.WEBSOCKET_VIOLATION),
  /** A frame with the reserved opcode 3. */
  RESERVED_OPCODE(FrameRejectReason.WEBSOCKET_VIOLATION),
  /** A well-formed deliver on a session that did not negotiate {@code messages}: dropped, kept. */
  UNNEGOTIATED_DELIVER(FrameRejectReason.NOT_NEGOTIATED);

  /** What a token in a hostile frame looks like; a test checks it is never logged. */
  public static final String PLANTED_TOKEN = "garbage-frame-planted-token-5f3a9c1e7b2d4068";

  private static final String PING = "{\"v\":1,\"type\":\"ping\",\"id\":1}";

  private final FrameRejectReason reason;

  GarbageFrame(FrameRejectReason reason) {
    this.reason = reason;
  }

  /** The reason the probe counts it under. */
  public FrameRejectReason reason() {
    return reason;
  }

  /** Fresh Netty messages (frames or raw bytes) to write, in order. */
  List<Object> parts() {
    return switch (this) {
      case LONG_TEXT -> List.of(text(pad(9000)));
      case HUGE_FRAME -> List.of(text(pad(40_000)));
      case NOT_UTF8 -> {
        ByteBuf b = Unpooled.buffer();
        b.writeCharSequence("{\"v\":1,\"type\":\"ping\",\"id\":1,\"x\":\"", StandardCharsets.UTF_8);
        b.writeByte(0xC3).writeByte(0x28);
        b.writeCharSequence("\"}", StandardCharsets.UTF_8);
        yield List.of(new TextWebSocketFrame(b));
      }
      case EMPTY -> List.of(text(""));
      case PROSE -> List.of(text("hello from a broken gateway"));
      case TRUNCATED -> List.of(text("{\"v\":1,\"type\":\"pong\",\"id\":"));
      case ARRAY -> List.of(text("[" + PING + "]"));
      case VERSION_2 -> List.of(text("{\"v\":2,\"type\":\"ping\",\"id\":1}"));
      case VERSION_STRING -> List.of(text("{\"v\":\"" + PLANTED_TOKEN + "\",\"type\":\"ping\"}"));
      case UNKNOWN_TYPE -> List.of(text("{\"v\":1,\"type\":\"hello\"}"));
      case PONG_ID_STRING ->
          List.of(text("{\"v\":1,\"type\":\"pong\",\"id\":\"" + PLANTED_TOKEN + "\"}"));
      case DISCONNECT_NO_CODE ->
          List.of(text("{\"v\":1,\"type\":\"disconnect\",\"reason\":\"x\"}"));
      case BINARY -> List.of(new BinaryWebSocketFrame(utf8(PING)));
      case FRAGMENTED ->
          List.of(
              new TextWebSocketFrame(false, 0, utf8(PING.substring(0, 10))),
              new ContinuationWebSocketFrame(true, 0, utf8(PING.substring(10))));
      case MASKED -> List.of(masked(PING));
      case RESERVED_BIT -> List.of(raw(0xC1, PING));
      case RESERVED_OPCODE -> List.of(raw(0x83, PING));
      case UNNEGOTIATED_DELIVER ->
          List.of(
              text(
                  "{\"v\":1,\"type\":\"deliver\",\"from\":\"x\",\"seq\":1,\"sentAt\":1,"
                      + "\"messageId\":\"m-1\"}"));
    };
  }

  private static TextWebSocketFrame text(String s) {
    return new TextWebSocketFrame(s);
  }

  private static ByteBuf utf8(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  /** A ping padded with an ignored field to {@code size} characters. */
  private static String pad(int size) {
    String head = "{\"v\":1,\"type\":\"ping\",\"id\":1,\"pad\":\"";
    return head + "a".repeat(size - head.length() - 2) + "\"}";
  }

  /** One unmasked frame with {@code firstByte} (FIN, RSV, opcode) and a payload under 126 bytes. */
  private static ByteBuf raw(int firstByte, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    return Unpooled.buffer().writeByte(firstByte).writeByte(p.length).writeBytes(p);
  }

  /** A final text frame with the mask bit and a mask key, as only a client may send. */
  private static ByteBuf masked(String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    byte[] key = {0x12, 0x34, 0x56, 0x78};
    ByteBuf b = Unpooled.buffer().writeByte(0x81).writeByte(0x80 | p.length).writeBytes(key);
    for (int i = 0; i < p.length; i++) {
      b.writeByte(p[i] ^ key[i % 4]);
    }
    return b;
  }
}
