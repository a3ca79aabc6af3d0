package dev.nexconn.exporter.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  static Stream<Arguments> badFramesAreRefusedWithTheFieldNamedCases() {
    return Stream.of(
        Arguments.of("not json", "not a JSON object"),
        Arguments.of("{\"v\":2,\"type\":\"ping\",\"id\":1}", "field 'v' must be 1"),
        Arguments.of("{\"v\":1,\"type\":\"hello\"}", "field 'type' has unknown value 'hello'"),
        Arguments.of("{\"v\":1,\"type\":\"connect\"}", "field 'token' must be a non-empty string"),
        Arguments.of("{\"v\":1,\"type\":\"ping\",\"id\":\"x\"}", "field 'id' must be an integer"),
        Arguments.of("x".repeat(FrameCodec.MAX_FRAME_CHARS + 1), "exceeds the limit"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badFramesAreRefusedWithTheFieldNamedCases")
  void badFramesAreRefusedWithTheFieldNamed(String input, String expected) {
    assertThatThrownBy(() -> FrameCodec.decode(input))
        .isInstanceOf(FrameCodecException.class)
        .hasMessageContaining(expected);
  }
}
