package dev.nexconn.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planted-secret scan finds each secret in each form a leak takes, and nothing else. */
class PlantedSecretsTest {
  private static final String SECRET = "s3cr3t/Key+with spaces&=?";
  private static final PlantedSecrets SCAN = PlantedSecrets.of(Map.of("app secret", SECRET));

  private static List<String> forms(String text) {
    return SCAN.findIn("text", text).stream().map(PlantedSecrets.Finding::form).toList();
  }

  @Test
  void findsThePlainSecret() {
    assertThat(forms("level=INFO auth=" + SECRET + " done")).contains("plain");
  }

  @Test
  void findsTheUrlEncodedSecretInBothPercentCases() {
    String form = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
    assertThat(form).isNotEqualTo(SECRET);
    assertThat(forms("?q=" + form + "&x=1")).contains("url-encoded");
    StringBuilder every = new StringBuilder();
    for (byte b : SECRET.getBytes(StandardCharsets.UTF_8)) {
      every.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
    }
    assertThat(forms("path/" + every)).contains("percent-encoded bytes");
    assertThat(forms("path/" + every.toString().toLowerCase())).contains("percent-encoded bytes");
  }

  @Test
  void findsTheHexSecretInLowerAndUpperCase() {
    String hex = HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(forms("x=" + hex)).contains("hex");
    assertThat(forms("x=" + hex.toUpperCase())).contains("hex");
  }

  @Test
  void findsBase64OfTheSecretAloneInBothAlphabets() {
    byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
    assertThat(forms("Basic " + Base64.getEncoder().encodeToString(bytes)))
        .contains("base64 (alignment 0)");
    // '~' encodes to '+' in the standard alphabet, '-' in the URL-safe one
    String tildes = "~~~~~~~~~~~~";
    PlantedSecrets scan = PlantedSecrets.of(Map.of("tildes", tildes));
    String url =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(tildes.getBytes(StandardCharsets.UTF_8));
    assertThat(url).contains("-");
    assertThat(scan.findIn("jwt", "jwt." + url + ".sig"))
        .extracting(PlantedSecrets.Finding::form)
        .contains("base64url (alignment 0)")
        .doesNotContain("base64 (alignment 0)");
  }

  @Test
  void findsTheSecretInsideALongerBase64AtEveryAlignment() {
    for (String prefix : List.of("", "a", "ab", "abc", "user:", "Bearer  ")) {
      String whole = prefix + SECRET + "-trailer";
      byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
      int alignment = prefix.length() % 3;
      assertThat(forms("body " + Base64.getEncoder().encodeToString(bytes)))
          .as("prefix %s", prefix)
          .contains("base64 (alignment " + alignment + ")");
      assertThat(forms(Base64.getUrlEncoder().encodeToString(bytes)))
          .as("prefix %s", prefix)
          .contains("base64url (alignment " + alignment + ")");
    }
  }

  @Test
  void cleanTextAndANearMissAreNotFindings() {
    assertThat(forms("level=INFO msg=started port=9464 key=<redacted>")).isEmpty();
    assertThat(forms(SECRET.substring(0, SECRET.length() - 1))).isEmpty();
    assertThat(SCAN.findIn(Map.of("a", "ok", "b", "x" + SECRET)))
        .extracting(PlantedSecrets.Finding::where)
        .containsExactly("b");
  }

  @Test
  void refusesASecretTooShortToSearchFor() {
    assertThatThrownBy(() -> PlantedSecrets.of(Map.of("pin", "1234"))).hasMessageContaining("pin");
  }
}
