package dev.nexconn.exporter.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The shared secrets a caller of an ingest endpoint may present: the API keys that may post SDK
 * reports, or the presence webhook's secret. Several are valid at once so that one can be rotated:
 * add the new one, move the callers over, remove the old one. Only SHA-256 digests are kept; a key
 * is named in logs and limits by its fingerprint ({@code key-1a2b3c4d}), never by itself.
 *
 * <pre>{@code
 * SharedSecrets keys = SharedSecrets.parse(Files.readString(path), path.toString());
 * keys.authenticate(request.getHeader("Authorization")); // Optional.of("key-1a2b3c4d")
 * }</pre>
 */
public final class SharedSecrets {
  /** Shortest accepted key: anything shorter is guessable. */
  public static final int MIN_KEY_LENGTH = 16;

  private static final String BEARER = "bearer ";
  private volatile List<byte[]> digests;

  private SharedSecrets(List<byte[]> digests) {
    this.digests = List.copyOf(digests);
  }

  /**
   * Parses keys, one per line or separated by commas; blank lines and lines starting with {@code #}
   * are skipped. Throws {@link IllegalArgumentException} naming the line (never the key) of a key
   * that is too short or contains spaces, or when there is no key at all.
   */
  public static SharedSecrets parse(String text, String sourceName) {
    List<byte[]> digests = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      for (String part : line.split(",")) {
        String key = part.trim();
        if (key.isEmpty()) {
          continue;
        }
        if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
          throw new IllegalArgumentException(
              sourceName
                  + " line "
                  + (i + 1)
                  + ": an API key must be at least "
                  + MIN_KEY_LENGTH
                  + " characters without spaces (generate one with: openssl rand -hex 24)");
        }
        digests.add(sha256(key));
      }
    }
    if (digests.isEmpty()) {
      throw new IllegalArgumentException(
          sourceName
              + ": holds no API key; put one key per line (lines starting with # are ignored)");
    }
    return new SharedSecrets(digests);
  }

  /** Replaces the keys with those of {@code other} (a re-read of the keys file). */
  public void replaceWith(SharedSecrets other) {
    this.digests = other.digests;
  }

  /** How many keys are valid now. */
  public int size() {
    return digests.size();
  }

  /**
   * The fingerprint of the key in an {@code Authorization: Bearer <key>} header, if it is valid.
   * Compares digests in constant time.
   */
  public Optional<String> authenticate(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return match(authorization.substring(BEARER.length()).trim());
  }

  /** The fingerprint of {@code secret} if it is one of the keys (a webhook's shared secret). */
  public Optional<String> match(String secret) {
    if (secret == null || secret.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(secret);
    boolean found = false;
    for (byte[] d : digests) {
      found |= MessageDigest.isEqual(d, presented);
    }
    return found
        ? Optional.of("key-" + HexFormat.of().formatHex(presented, 0, 4))
        : Optional.empty();
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
