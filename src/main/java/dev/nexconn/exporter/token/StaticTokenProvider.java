package dev.nexconn.exporter.token;

import io.vertx.core.Future;

/** Always the same literal token (demos, tests, single-user probes). */
public final class StaticTokenProvider implements TokenProvider {
  private final String token;

  public StaticTokenProvider(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    this.token = token;
  }

  @Override
  public Future<String> token(String userId, boolean refresh) {
    return Future.succeededFuture(token);
  }
}
