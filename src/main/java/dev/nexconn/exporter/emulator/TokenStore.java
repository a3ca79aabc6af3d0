package dev.nexconn.exporter.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens the emulator has issued. Like the real service, a user may hold several valid tokens and
 * tokens never expire unless told to.
 */
final class TokenStore {
  /** What a token stands for. */
  record Issued(String userId, long issuedAtMillis) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  String issue(String userId, long nowMillis) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "@nx";
    tokens.put(token, new Issued(userId, nowMillis));
    return token;
  }

  Optional<Issued> lookup(String token) {
    return Optional.ofNullable(tokens.get(token));
  }
}
