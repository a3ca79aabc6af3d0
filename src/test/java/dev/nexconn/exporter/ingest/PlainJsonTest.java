package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PlainJson} reads plain JSON exactly and refuses everything else, valid JSON outside the
 * subset included, so that the tree path decides those.
 */
class PlainJsonTest {
  static PlainJson of(String text) {
    return new PlainJson(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads {@code text} as an object of members whose values are scalars, to the end. */
  static void readFlatObject(String text) {
    PlainJson p = of(text);
    assertThat(p.value()).isEqualTo(PlainJson.OBJECT);
    for (boolean first = true; p.member(first); first = false) {
      int t = p.value();
      assertThat(t).isNotIn(PlainJson.OBJECT, PlainJson.ARRAY);
    }
    p.endOfInput();
  }

  @Test
  void readsPlainValuesAsJsonMeansThem() {
    PlainJson p =
        of(" {\"a\" : \"x y\",\n\"b\":-12,\"c\":[true, false,null],\"d\":{},\"e\":0}\r\n");
    assertThat(p.value()).isEqualTo(PlainJson.OBJECT);
    assertThat(p.member(true)).isTrue();
    assertThat(p.text()).isEqualTo("a");
    assertThat(p.value()).isEqualTo(PlainJson.STRING);
    assertThat(p.text()).isEqualTo("x y");
    assertThat(p.member(false)).isTrue();
    assertThat(p.value()).isEqualTo(PlainJson.NUMBER);
    assertThat(p.number()).isEqualTo(-12);
    assertThat(p.member(false)).isTrue();
    assertThat(p.value()).isEqualTo(PlainJson.ARRAY);
    assertThat(p.element(true)).isTrue();
    assertThat(p.value()).isEqualTo(PlainJson.TRUE);
    assertThat(p.element(false)).isTrue();
    assertThat(p.value()).isEqualTo(PlainJson.FALSE);
    assertThat(p.element(false)).isTrue();
    assertThat(p.value()).isEqualTo(PlainJson.NULL);
    assertThat(p.element(false)).isFalse();
    assertThat(p.member(false)).isTrue();
    assertThat(p.value()).isEqualTo(PlainJson.OBJECT);
    assertThat(p.member(true)).isFalse();
    assertThat(p.member(false)).isTrue();
    assertThat(p.value()).isEqualTo(PlainJson.NUMBER);
    assertThat(p.number()).isZero();
    assertThat(p.member(false)).isFalse();
    p.endOfInput();

    PlainJson big = of("999999999999999999");
    assertThat(big.value()).isEqualTo(PlainJson.NUMBER);
    assertThat(big.number()).isEqualTo(999_999_999_999_999_999L);
    assertThat(big.numberIsInt()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Not JSON.
        "{\"a\":1 \"b\":2}",
        "{\"a\":1x\"b\":2}",
        "{\"a\":1,}",
        "{,\"a\":1}",
        "{\"a\" 1}",
        "{\"a\":01}",
        "{\"a\":-}",
        "{\"a\":1}x",
        "{\"a\":1} {}",
        "{\"a\":tru}",
        "{\"a\":nul}",
        "{\"a\":\"x}",
        "{\"a\":1",
        "{'a':1}",
        "",
        "{\"a\":\"tab\there\"}",
        // JSON, but not plain: the tree path reads these.
        "{\"a\":\"b\\u002d1\"}",
        "{\"a\":\"\\\"\"}",
        "{\"a\":\"é\"}",
        "{\"a\":1.5}",
        "{\"a\":1e3}",
        "{\"a\":1E3}",
        "{\"a\":9999999999999999999}",
        "\uFEFF{\"a\":1}"
      })
  void refusesAnythingButPlainJson(String text) {
    assertThatThrownBy(() -> readFlatObject(text)).isSameAs(PlainJson.NOT_PLAIN);
  }
}
