package dev.nexconn.exporter.support;

import dev.nexconn.exporter.token.ServerApiSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Calls the emulator's Server API v4 with a real signature, blocking the test thread. Every answer
 * is checked against the vendor's definition ({@link ServerApiContract}) before the test sees it,
 * so an emulator that drifts from the contract fails whichever test called it.
 */
public final class SignedApiClient {
  /** A reply: HTTP status and JSON body. */
  public record Reply(int status, JsonObject body) {
    public int code() {
      return body.getInteger("code", -1);
    }
  }

  private final WebClient client;
  private final int port;
  private final String appKey;
  private final String appSecret;
  private final Clock clock;
  private final ServerApiContract contract;

  public SignedApiClient(Vertx vertx, int port, String appKey, String appSecret, Clock clock) {
    this.client = WebClient.create(vertx);
    this.contract = ServerApiContract.load(vertx);
    this.port = port;
    this.appKey = appKey;
    this.appSecret = appSecret;
    this.clock = clock;
  }

  /**
   * The production signer, so that every emulator test also checks that the sidecar's signature and
   * the emulator's verification agree.
   */
  public static String sign(String secret, String nonce, String timestamp) {
    return ServerApiSignature.sign(secret, nonce, timestamp);
  }

  /** Posts a signed JSON body. */
  public Reply post(String path, JsonObject body) {
    String nonce = "n" + System.nanoTime() % 1_000_000;
    String ts = Long.toString(clock.millis());
    return send(
        raw(path)
            .putHeader("App-Key", appKey)
            .putHeader("Nonce", nonce)
            .putHeader("Timestamp", ts)
            .putHeader("Signature", sign(appSecret, nonce, ts)),
        body.encode());
  }

  /** A request without headers, for the signature error tests. */
  public HttpRequest<Buffer> raw(String path) {
    return client.post(port, "127.0.0.1", path).putHeader("Content-Type", "application/json");
  }

  /** Sends a prepared request with a raw body; the answer must match the contract. */
  public Reply send(HttpRequest<Buffer> request, String body) {
    HttpResponse<Buffer> r;
    try {
      r = request.sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    contract.assertResponse(request.uri(), r.statusCode(), r.getHeader("Content-Type"), r.body());
    return new Reply(r.statusCode(), r.bodyAsJsonObject());
  }

  /** Issues a token and returns it. */
  public String issue(String userId) {
    Reply r =
        post(
            "/v4/auth/access-token/issue",
            new JsonObject().put("userId", userId).put("name", userId));
    if (r.code() != 0) {
      throw new IllegalStateException("issue failed: " + r.body());
    }
    return r.body().getJsonObject("result").getString("accessToken");
  }
}
