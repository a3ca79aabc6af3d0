package dev.nexconn.exporter.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 16, "hostile input" for wire frames from the upstream: whatever text arrives, {@link
 * FrameCodec#decode} either returns a frame that encodes back to an equal frame or throws {@link
 * FrameCodecException} (which the link turns into a counted rejection and a closed session) with a
 * fault and a short message that never quotes any piece of a token; no other exception escapes.
 */
class FrameCodecPropertiesTest {
  static final String TOKEN = "planted-token-0123456789abcdef@127.0.0.1";

  @Property(tries = 2000, seed = "16")
  void anyTextDecodesOrIsRejectedCleanly(@ForAll("frames") String text) {
    try {
      Frame f = FrameCodec.decode(text);
      assertThat(FrameCodec.decode(FrameCodec.encode(f))).isEqualTo(f);
    } catch (FrameCodecException e) {
      // Not even a piece of the token: messages describe values, they never quote them.
      assertThat(e.getMessage())
          .isNotBlank()
          .hasSizeLessThan(300)
          .doesNotContain("planted-token")
          .doesNotContain("0123456789");
      assertThat(e.fault()).isNotNull();
    }
  }

  @Property(tries = 200, seed = "1616")
  void hugeFramesAreRejectedWithoutParsing(@ForAll("huge") String text) {
    assertThatCode(() -> FrameCodec.decode(text)).isInstanceOf(FrameCodecException.class);
  }

  @Provide
  Arbitrary<String> frames() {
    Arbitrary<String> types =
        Arbitraries.of("connect", "connack", "ping", "pong", "disconnect", "x", "", "CONNECT");
    Arbitrary<String> values =
        Arbitraries.of(
            "1",
            "0",
            "-1",
            "1.5",
            "1e999",
            "99999999999999999999999",
            "null",
            "true",
            "\"\"",
            "\"" + TOKEN + "\"",
            "[]",
            "{}",
            "\"\\ud800\"",
            "\"\\u0000\"",
            "2147483648");
    Arbitrary<String> fields =
        Arbitraries.of(
            "v", "type", "token", "code", "id", "userId", "reason", "reconnect", "kickReconnect");
    Arbitrary<String> objects =
        Combinators.combine(types, fields, values, fields, values)
            .as(
                (t, f1, v1, f2, v2) ->
                    "{\"v\":1,\"type\":\""
                        + t
                        + "\",\""
                        + f1
                        + "\":"
                        + v1
                        + ",\""
                        + f2
                        + "\":"
                        + v2
                        + "}");
    return Arbitraries.oneOf(
        objects,
        Combinators.combine(objects, Arbitraries.integers().between(0, 80))
            .as((o, cut) -> o.substring(0, Math.min(cut, o.length()))),
        Combinators.combine(values, values).as((a, b) -> "{\"v\":" + a + ",\"type\":" + b + "}"),
        Arbitraries.strings().all().ofMaxLength(60),
        Arbitraries.integers().between(1, 3000).map(d -> "[".repeat(d) + "]".repeat(d)));
  }

  @Provide
  Arbitrary<String> huge() {
    return Arbitraries.integers()
        .between(FrameCodec.MAX_FRAME_CHARS + 1, 4 * FrameCodec.MAX_FRAME_CHARS)
        .map(n -> "{\"v\":1,\"type\":\"ping\",\"pad\":\"" + "a".repeat(n) + "\"}");
  }
}
