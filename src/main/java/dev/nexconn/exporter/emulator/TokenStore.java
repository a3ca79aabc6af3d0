package dev.nexconn.exporter.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens the emulator has issued. Like the real service, a user may hold several valid tokens and
 * tokens never expire unless the app-level lifetime (the console's setting) was set when they were
 * issued: tokens issued together then expire together, which is how a token-expiry wave starts.
 */
final class TokenStore {
  /**
   * What a token stands for.
   *
   * @param userId the owner
   * @param issuedAtMillis when it was issued
   * @param expiresAtMillis when the app-level lifetime ends it, {@code Long.MAX_VALUE} for never
   */
  record Issued(String userId, long issuedAtMillis, long expiresAtMillis) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final java.util.Set<String> users = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();
  private volatile long lifetimeMillis;

  String issue(String userId, long nowMillis) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "@nx";
    long lifetime = lifetimeMillis;
    long expires = lifetime <= 0 ? Long.MAX_VALUE : nowMillis + lifetime;
    tokens.put(token, new Issued(userId, nowMillis, expires));
    users.add(userId);
    return token;
  }

  Optional<Issued> lookup(String token) {
    return Optional.ofNullable(tokens.get(token));
  }

  /** Sets the lifetime of tokens issued from now on; 0 means they never expire. */
  void lifetimeMillis(long millis) {
    this.lifetimeMillis = Math.max(0, millis);
  }

  long lifetimeMillis() {
    return lifetimeMillis;
  }

  /** Every user that was ever issued a token. */
  java.util.List<String> users() {
    return new java.util.ArrayList<>(users);
  }

  int size() {
    return tokens.size();
  }
}
