package dev.nexconn.exporter.token;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Issues tokens through the Nexconn Server API v4 {@code POST /v4/auth/access-token/issue}, signed
 * with the App Key and App Secret. Every call issues a fresh token: the real service keeps earlier
 * tokens valid, so nothing is cached.
 */
public final class ServerApiTokenProvider implements TokenProvider {
  private static final String ISSUE_PATH = "/v4/auth/access-token/issue";
  private static final String NONCE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final WebClient client;
  private final URI baseUrl;
  private final String appKey;
  private final String appSecret;
  private final Clock clock;
  private final RandomGenerator random;

  public ServerApiTokenProvider(
      WebClient client,
      URI baseUrl,
      String appKey,
      String appSecret,
      Clock clock,
      RandomGenerator random) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.appKey = appKey;
    this.appSecret = appSecret;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Future<String> token(String userId, boolean refresh) {
    String nonce = nonce();
    String timestamp = Long.toString(clock.millis());
    String base = baseUrl.toString().replaceAll("/+$", "");
    return client
        .postAbs(base + ISSUE_PATH)
        .putHeader("App-Key", appKey)
        .putHeader("Nonce", nonce)
        .putHeader("Timestamp", timestamp)
        .putHeader("Signature", ServerApiSignature.sign(appSecret, nonce, timestamp))
        .putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("userId", userId).put("name", userId))
        .compose(this::accessToken);
  }

  private Future<String> accessToken(HttpResponse<io.vertx.core.buffer.Buffer> response) {
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null) {
      return Future.failedFuture(
          new TokenFetchException(
              "Server API "
                  + ISSUE_PATH
                  + " answered HTTP "
                  + response.statusCode()
                  + " without JSON"));
    }
    int code = body.getInteger("code", -1);
    if (response.statusCode() != 200 || code != 0) {
      return Future.failedFuture(
          new TokenFetchException(
              "Server API "
                  + ISSUE_PATH
                  + " refused: HTTP "
                  + response.statusCode()
                  + ", code "
                  + code
                  + (code == 1004 ? " (signature: check the App Key and App Secret)" : "")));
    }
    JsonObject result = body.getJsonObject("result");
    String token = result == null ? null : result.getString("accessToken");
    if (token == null || token.isEmpty()) {
      return Future.failedFuture(
          new TokenFetchException("Server API " + ISSUE_PATH + " returned no result.accessToken"));
    }
    return Future.succeededFuture(token);
  }

  private String nonce() {
    StringBuilder sb = new StringBuilder(16);
    // Probes on several event loops share this provider; the random source is not thread-safe.
    synchronized (random) {
      for (int i = 0; i < 16; i++) {
        sb.append(NONCE_CHARS.charAt(random.nextInt(NONCE_CHARS.length())));
      }
    }
    return sb.toString();
  }
}
