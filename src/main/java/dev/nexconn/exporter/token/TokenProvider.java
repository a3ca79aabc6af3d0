package dev.nexconn.exporter.token;

import io.vertx.core.Future;

/**
 * Supplies access tokens for probe users. Implementations never log the token.
 *
 * <p>A returned future fails with {@link TokenFetchException} when no token can be had; it never
 * completes with {@code null}.
 */
public interface TokenProvider {
  /**
   * A token for the user.
   *
   * @param userId the probe user id
   * @param refresh true after the upstream refused the previous token: a caching provider must
   *     fetch a new one
   */
  Future<String> token(String userId, boolean refresh);
}
