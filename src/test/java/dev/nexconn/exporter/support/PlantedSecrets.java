package dev.nexconn.exporter.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The secrets a scenario planted (access token, App Secret, ingest API key, webhook secret, and any
 * near-miss a client sent), and a search for each of them in a text in the forms a leak takes:
 * plain, base64 (standard and URL-safe, of the secret alone and inside a longer base64 at each of
 * the three byte alignments), URL-encoded (form encoding and every byte as {@code %XX}) and hex
 * (any case).
 *
 * <pre>{@code
 * PlantedSecrets s = PlantedSecrets.of(Map.of("ingest API key", key));
 * assertThat(s.findIn("GET /metrics", body)).isEmpty();
 * }</pre>
 */
public final class PlantedSecrets {
  /** One secret found: which one, in which form, in which text. */
  public record Finding(String secret, String form, String where) {
    @Override
    public String toString() {
      return secret + " as " + form + " in " + where;
    }
  }

  private record Needle(String secret, String form, String text, boolean ignoreCase) {}

  private final List<Needle> needles = new ArrayList<>();

  private PlantedSecrets(Map<String, String> secrets) {
    secrets.forEach(this::plant);
  }

  /** Secrets by a name for the report (never the value). Each must be at least 8 characters. */
  public static PlantedSecrets of(Map<String, String> secrets) {
    return new PlantedSecrets(new LinkedHashMap<>(secrets));
  }

  private void plant(String name, String secret) {
    if (secret == null || secret.length() < 8) {
      throw new IllegalArgumentException(name + ": a planted secret needs at least 8 characters");
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    add(name, "plain", secret, false);
    add(name, "url-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8), false);
    StringBuilder percent = new StringBuilder();
    for (byte b : bytes) {
      percent.append('%').append(HexFormat.of().toHexDigits(b));
    }
    // %xx and %XX: compared ignoring case
    add(name, "percent-encoded bytes", percent.toString(), true);
    add(name, "hex", HexFormat.of().formatHex(bytes), true);
    for (int offset = 0; offset < 3; offset++) {
      String inner = base64Inner(bytes, offset);
      add(name, "base64 (alignment " + offset + ")", inner, false);
      add(name, "base64url (alignment " + offset + ")", toUrlSafe(inner), false);
    }
  }

  private void add(String name, String form, String text, boolean ignoreCase) {
    needles.add(
        new Needle(name, form, ignoreCase ? text.toLowerCase(Locale.ROOT) : text, ignoreCase));
  }

  /**
   * The base64 characters that depend only on {@code secret} when it starts {@code offset} bytes
   * into a 3-byte group: whatever bytes surround it, an encoding of the whole text holds them.
   */
  static String base64Inner(byte[] secret, int offset) {
    byte[] shifted = new byte[offset + secret.length];
    System.arraycopy(secret, 0, shifted, offset, secret.length);
    String all = Base64.getEncoder().withoutPadding().encodeToString(shifted);
    int firstBit = 8 * offset;
    int endBit = 8 * (offset + secret.length);
    int first = (firstBit + 5) / 6;
    int end = endBit / 6; // characters [first, end) lie wholly inside the secret's bits
    return all.substring(first, end);
  }

  private static String toUrlSafe(String base64) {
    return base64.replace('+', '-').replace('/', '_');
  }

  /** Every planted secret found in {@code text}, in every form; {@code where} names the text. */
  public List<Finding> findIn(String where, String text) {
    List<Finding> found = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return found;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (Needle n : needles) {
      if ((n.ignoreCase() ? lower : text).contains(n.text())) {
        found.add(new Finding(n.secret(), n.form(), where));
      }
    }
    return found;
  }

  /** {@link #findIn} over several named texts. */
  public List<Finding> findIn(Map<String, String> texts) {
    List<Finding> found = new ArrayList<>();
    texts.forEach((where, text) -> found.addAll(findIn(where, text)));
    return found;
  }
}
