package dev.nexconn.exporter.token;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Issues tokens through the Nexconn Server API v4 {@code POST /v4/auth/access-token/issue}, signed
 * with the App Key and App Secret, as the vendor's OpenAPI definition 0.1.2 and its generated
 * clients do: headers {@code App-Key}, {@code Nonce}, {@code Timestamp} (milliseconds), {@code
 * Signature} and {@code X-Request-ID}; body {@code {userId, name}}; success {@code
 * {"code":0,"result":{"accessToken":...}}}; an error's business {@code code} and {@code
 * errorMessage} are named in the failure. Every call issues a fresh token: the real service keeps
 * earlier tokens valid, so nothing is cached.
 */
public final class ServerApiTokenProvider implements TokenProvider {
  static final String ISSUE_PATH = "/v4/auth/access-token/issue";
  private static final String NONCE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  private final WebClient client;
  private final URI baseUrl;
  private final String appKey;
  private final String appSecret;
  private final Clock clock;
  private final RandomGenerator random;
  private final FetchGate gate = new FetchGate(TokenFetchException.FETCH_TIMEOUT, System::nanoTime);

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
    return gate.run(
        () -> fetch(userId),
        () ->
            TokenFetchException.unanswered(
                "Server API " + ISSUE_PATH, baseUrl, TokenFetchException.FETCH_TIMEOUT));
  }

  private Future<String> fetch(String userId) {
    String nonce;
    String requestId;
    // Probes on several event loops share this provider; the random source is not thread-safe.
    synchronized (random) {
      nonce = randomText(NONCE_CHARS, 16);
      requestId = randomText(HEX, 32);
    }
    String timestamp = Long.toString(clock.millis());
    String base = baseUrl.toString().replaceAll("/+$", "");
    return client
        .postAbs(base + ISSUE_PATH)
        .connectTimeout(TokenFetchException.FETCH_TIMEOUT.toMillis())
        .idleTimeout(TokenFetchException.FETCH_TIMEOUT.toMillis())
        .putHeader("App-Key", appKey)
        .putHeader("Nonce", nonce)
        .putHeader("Timestamp", timestamp)
        .putHeader("Signature", ServerApiSignature.sign(appSecret, nonce, timestamp))
        .putHeader("X-Request-ID", requestId)
        .putHeader("Content-Type", "application/json")
        // AccessTokenIssueRequest requires name; the user id is the only name a probe has.
        .sendJsonObject(new JsonObject().put("userId", userId).put("name", userId))
        .recover(
            e ->
                TokenFetchException.unreachableNamed(
                    e, "Server API " + ISSUE_PATH, baseUrl, TokenFetchException.FETCH_TIMEOUT))
        .compose(r -> accessToken(r, requestId));
  }

  private Future<String> accessToken(HttpResponse<Buffer> response, String requestId) {
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    String where = "Server API " + ISSUE_PATH + " (X-Request-ID " + requestId + ")";
    if (body == null) {
      return failed(where + " answered HTTP " + response.statusCode() + " without a JSON object");
    }
    Object code = body.getValue("code");
    if (!(code instanceof Integer c)) {
      return failed(
          where
              + " answered HTTP "
              + response.statusCode()
              + " without an integer 'code' field: not a Server API answer, check token.url");
    }
    if (response.statusCode() != 200 || c != 0) {
      return failed(
          where
              + " refused: HTTP "
              + response.statusCode()
              + ", code "
              + c
              + ServerApiRefusal.hint(c)
              + ServerApiRefusal.message(body.getValue("errorMessage"), appSecret));
    }
    Object result = body.getValue("result");
    Object token = result instanceof JsonObject r ? r.getValue("accessToken") : null;
    if (!(token instanceof String s) || s.isEmpty()) {
      return failed(where + " answered code 0 without a string result.accessToken");
    }
    return Future.succeededFuture(s);
  }

  private static Future<String> failed(String message) {
    return Future.failedFuture(new TokenFetchException(message));
  }

  private String randomText(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
