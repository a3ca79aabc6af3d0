package dev.nexconn.exporter.token;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;

/**
 * Asks your own app server for a token, as the seed tells clients to do: {@code POST url} with
 * {@code {"userId": "..."}}; the answer is HTTP 200 with {@code {"token": "..."}} (or {@code
 * "accessToken"}).
 */
public final class AppServerTokenProvider implements TokenProvider {
  private final WebClient client;
  private final URI url;
  private final java.time.Duration timeout;
  private final FetchGate gate;

  public AppServerTokenProvider(WebClient client, URI url) {
    this(client, url, TokenFetchException.FETCH_TIMEOUT);
  }

  /** With another fetch timeout (connect, and idle while waiting for the answer). */
  public AppServerTokenProvider(WebClient client, URI url, java.time.Duration timeout) {
    this.client = client;
    this.url = url;
    this.timeout = timeout;
    this.gate = new FetchGate(timeout, System::nanoTime);
  }

  @Override
  public Future<String> token(String userId, boolean refresh) {
    return gate.run(
        () -> fetch(userId, refresh),
        () -> TokenFetchException.unanswered("app server token endpoint", url, timeout));
  }

  private Future<String> fetch(String userId, boolean refresh) {
    return client
        .postAbs(url.toString())
        .connectTimeout(timeout.toMillis())
        .idleTimeout(timeout.toMillis())
        .sendJsonObject(new JsonObject().put("userId", userId).put("refresh", refresh))
        .recover(
            e -> TokenFetchException.unreachableNamed(e, "app server token endpoint", url, timeout))
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                return Future.failedFuture(
                    new TokenFetchException(
                        "app server token endpoint answered HTTP " + response.statusCode()));
              }
              JsonObject body;
              try {
                body = response.bodyAsJsonObject();
              } catch (RuntimeException e) {
                body = null;
              }
              String token =
                  body == null ? null : body.getString("token", body.getString("accessToken"));
              if (token == null || token.isEmpty()) {
                return Future.failedFuture(
                    new TokenFetchException(
                        "app server token endpoint returned no 'token' field in its JSON"));
              }
              return Future.succeededFuture(token);
            });
  }
}
