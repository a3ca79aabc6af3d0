package dev.nexconn.exporter.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameCodecTest {

  @Test
  void everyFrameTypeRoundTrips() {
    Frame[] frames = {
      new Frame.Connect("tok", true, true, "dev-1", "probe"),
      new Frame.ConnAck(0, "u1", "s1"),
      new Frame.ConnAck(31004, null, null),
      new Frame.Ping(7),
      new Frame.Pong(7),
      new Frame.Disconnect(31010, "kicked")
    };
    for (Frame f : frames) {
      assertThat(FrameCodec.decode(FrameCodec.encode(f))).isEqualTo(f);
    }
  }

  @Test
  void wireFormatIsTheDocumentedJson() {
    assertThat(FrameCodec.encode(new Frame.Ping(7)))
        .isEqualTo("{\"v\":1,\"type\":\"ping\",\"id\":7}");
    assertThat(FrameCodec.encode(new Frame.Disconnect(31010, "kicked")))
        .isEqualTo("{\"v\":1,\"type\":\"disconnect\",\"code\":31010,\"reason\":\"kicked\"}");
  }

  @Test
  void connectFrameNeverPrintsItsToken() {
    assertThat(new Frame.Connect("secret-token", false, false, "d", "probe").toString())
        .doesNotContain("secret-token");
  }

  @Test
  void badFramesAreRefusedWithTheFieldNamed() {
    assertThatThrownBy(() -> FrameCodec.decode("not json"))
        .isInstanceOf(FrameCodecException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> FrameCodec.decode("{\"v\":2,\"type\":\"ping\",\"id\":1}"))
        .hasMessageContaining("field 'v' must be 1");
    assertThatThrownBy(() -> FrameCodec.decode("{\"v\":1,\"type\":\"hello\"}"))
        .hasMessageContaining("field 'type' has unknown value 'hello'");
    assertThatThrownBy(() -> FrameCodec.decode("{\"v\":1,\"type\":\"connect\"}"))
        .hasMessageContaining("field 'token' must be a non-empty string");
    assertThatThrownBy(() -> FrameCodec.decode("{\"v\":1,\"type\":\"ping\",\"id\":\"x\"}"))
        .hasMessageContaining("field 'id' must be an integer");
    assertThatThrownBy(() -> FrameCodec.decode("x".repeat(FrameCodec.MAX_FRAME_CHARS + 1)))
        .hasMessageContaining("exceeds the limit");
  }
}
