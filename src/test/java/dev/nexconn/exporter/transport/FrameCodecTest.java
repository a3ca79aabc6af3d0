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
        Arguments.of("not json", FrameFault.NOT_JSON, "not a JSON object"),
        Arguments.of("", FrameFault.NOT_JSON, "empty frame"),
        Arguments.of("{\"v\":1,\"type\":\"pi", FrameFault.NOT_JSON, "not a JSON object"),
        Arguments.of("[1]", FrameFault.NOT_JSON, "not a JSON object"),
        Arguments.of(
            "{\"v\":2,\"type\":\"ping\",\"id\":1}", FrameFault.BAD_VERSION, "field 'v' must be 1"),
        Arguments.of("{\"type\":\"ping\",\"id\":1}", FrameFault.BAD_VERSION, "got nothing"),
        Arguments.of(
            "{\"v\":1,\"type\":\"hello\"}",
            FrameFault.UNKNOWN_TYPE,
            "field 'type' has unknown value 'hello'"),
        Arguments.of(
            "{\"v\":1,\"type\":\"connect\"}",
            FrameFault.BAD_FIELD,
            "field 'token' must be a non-empty string"),
        Arguments.of("{\"v\":1,\"id\":1}", FrameFault.BAD_FIELD, "field 'type'"),
        Arguments.of(
            "{\"v\":1,\"type\":\"ping\",\"id\":\"x\"}",
            FrameFault.BAD_FIELD,
            "field 'id' must be an integer, got 'x'"),
        Arguments.of(
            "x".repeat(FrameCodec.MAX_FRAME_CHARS + 1), FrameFault.TOO_LARGE, "exceeds the limit"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badFramesAreRefusedWithTheFieldNamedCases")
  void badFramesAreRefusedWithTheFieldNamed(String input, FrameFault fault, String expected) {
    assertThatThrownBy(() -> FrameCodec.decode(input))
        .isInstanceOf(FrameCodecException.class)
        .hasMessageContaining(expected)
        .extracting(e -> ((FrameCodecException) e).fault())
        .isEqualTo(fault);
  }

  static final String TOKEN = "Tk0.planted-access-token/0123456789+abc@127.0.0.1";

  static Stream<Arguments> aTokenInAnyFieldIsDescribedNeverQuotedCases() {
    String t = "\"" + TOKEN + "\"";
    return Stream.of(
        Arguments.of("{\"v\":" + t + ",\"type\":\"ping\",\"id\":1}", "got a string of 49 chars"),
        Arguments.of("{\"v\":1,\"type\":" + t + "}", "unknown value a string of 49 chars"),
        Arguments.of("{\"v\":1,\"type\":\"ping\",\"id\":" + t + "}", "got a string of 49 chars"),
        Arguments.of(
            "{\"v\":1,\"type\":\"connect\",\"token\":\"t\",\"reconnect\":" + t + "}",
            "must be true or false, got a string"),
        Arguments.of(
            "{\"v\":1,\"type\":\"disconnect\",\"code\":1,\"reason\":[" + t + "]}",
            "must be a string, got an array of 1"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("aTokenInAnyFieldIsDescribedNeverQuotedCases")
  void aTokenInAnyFieldIsDescribedNeverQuoted(String input, String expected) {
    assertThatThrownBy(() -> FrameCodec.decode(input))
        .isInstanceOf(FrameCodecException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining("planted")
        .hasMessageNotContaining("0123456789");
  }
}
