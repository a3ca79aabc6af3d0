package dev.nexconn.exporter.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message frames and the {@code features} negotiation of protocol v1 (docs/protocol.md). */
class MessageFramesTest {

  @Test
  void sendDeliverAndAckRoundTrip() {
    List<Frame> frames =
        List.of(
            new Frame.Send(7, 1_700_000_000_123L, "u2", "hello"),
            new Frame.Deliver("u1", 7, 1_700_000_000_123L, "m-1"),
            new Frame.Ack("m-1"));
    for (Frame f : frames) {
      assertThat(FrameCodec.decode(FrameCodec.encode(f))).isEqualTo(f);
    }
    assertThat(new JsonObject(FrameCodec.encode(frames.get(1))).fieldNames())
        .containsExactlyInAnyOrder("v", "type", "from", "seq", "sentAt", "messageId");
  }

  @Test
  void aPlainV1ConnectAndConnackCarryNoFeaturesField() {
    String connect = FrameCodec.encode(new Frame.Connect("t", false, false, "d", "probe"));
    String connack = FrameCodec.encode(new Frame.ConnAck(0, "u1", "s1"));
    assertThat(connect).doesNotContain("features");
    assertThat(connack).doesNotContain("features");
    assertThat(((Frame.Connect) FrameCodec.decode(connect)).features()).isEmpty();
  }

  @Test
  void featuresAreOfferedAndGrantedAndUnknownNamesAreKept() {
    Frame.Connect c =
        new Frame.Connect("t", false, false, "d", "probe", List.of("messages", "future-x"));
    Frame decoded = FrameCodec.decode(FrameCodec.encode(c));
    assertThat(((Frame.Connect) decoded).features()).containsExactly("messages", "future-x");
    Frame.ConnAck a = new Frame.ConnAck(0, "u1", "s1", List.of(Frame.FEATURE_MESSAGES));
    assertThat(((Frame.ConnAck) FrameCodec.decode(FrameCodec.encode(a))).features())
        .containsExactly("messages");
  }

  @Test
  void badMessageFramesAndFeaturesNameTheField() {
    assertThatThrownBy(
            () -> FrameCodec.decode("{\"v\":1,\"type\":\"send\",\"seq\":1,\"sentAt\":2}"))
        .hasMessageContaining("field 'to'");
    assertThatThrownBy(
            () -> FrameCodec.decode("{\"v\":1,\"type\":\"deliver\",\"from\":\"a\",\"seq\":\"1\"}"))
        .hasMessageContaining("field 'seq'");
    assertThatThrownBy(() -> FrameCodec.decode("{\"v\":1,\"type\":\"ack\"}"))
        .hasMessageContaining("field 'messageId'");
    assertThatThrownBy(
            () ->
                FrameCodec.decode(
                    "{\"v\":1,\"type\":\"connect\",\"token\":\"t\",\"features\":\"messages\"}"))
        .hasMessageContaining("field 'features'");
    assertThatThrownBy(
            () ->
                FrameCodec.decode(
                    "{\"v\":1,\"type\":\"connack\",\"code\":0,\"features\":[\"messages\",3]}"))
        .hasMessageContaining("field 'features'");
    assertThatThrownBy(() -> FrameCodec.decode("{\"v\":1,\"type\":\"hello\"}"))
        .hasMessageContaining("send, deliver or ack");
  }
}
