package dev.nexconn.exporter.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The Nexconn Server API request signature: {@code hex(SHA1(appSecret + nonce + timestamp))}. */
public final class ServerApiSignature {
  private ServerApiSignature() {}

  /** Lower-case hex SHA-1 of the concatenation. */
  public static String sign(String appSecret, String nonce, String timestamp) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((appSecret + nonce + timestamp).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
    }
  }
}
