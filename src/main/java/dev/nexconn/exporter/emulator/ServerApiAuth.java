package dev.nexconn.exporter.emulator;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks the Server API v4 request signature as the real service does: headers {@code App-Key},
 * {@code Nonce} (at most 18 characters), {@code Timestamp} (milliseconds or seconds, within five
 * minutes) and {@code Signature = hex(SHA1(appSecret + nonce + timestamp))}. The vendor's
 * definition and generated clients send these names with a millisecond timestamp; seconds and an
 * {@code RC-} prefix are also accepted because the prose docs say the real service takes them.
 */
final class ServerApiAuth {
  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final String appKey;
  private final String appSecret;
  private final Clock clock;

  ServerApiAuth(String appKey, String appSecret, Clock clock) {
    this.appKey = appKey;
    this.appSecret = appSecret;
    this.clock = clock;
  }

  /** Empty when the request is authentic, otherwise what is wrong (no secret in it). */
  Optional<String> check(HttpServerRequest request) {
    String key = header(request, "App-Key");
    String nonce = header(request, "Nonce");
    String timestamp = header(request, "Timestamp");
    String signature = header(request, "Signature");
    if (key == null || nonce == null || timestamp == null || signature == null) {
      return Optional.of("headers App-Key, Nonce, Timestamp and Signature are required");
    }
    if (!key.equals(appKey)) {
      return Optional.of("unknown App-Key");
    }
    if (nonce.isEmpty() || nonce.length() > 18) {
      return Optional.of("Nonce must be 1 to 18 characters");
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return Optional.of("Timestamp must be a number of milliseconds or seconds");
    }
    long millis = ts < 100_000_000_000L ? ts * 1000 : ts;
    if (Math.abs(clock.millis() - millis) > MAX_SKEW.toMillis()) {
      return Optional.of("Timestamp is more than 5 minutes away from the server clock");
    }
    if (!MessageDigest.isEqual(
        sign(nonce, timestamp).getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("Signature does not match hex(SHA1(appSecret + Nonce + Timestamp))");
    }
    return Optional.empty();
  }

  private String sign(String nonce, String timestamp) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((appSecret + nonce + timestamp).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(HttpServerRequest request, String name) {
    String value = request.getHeader(name);
    return value != null ? value : request.getHeader("RC-" + name);
  }
}
