package dev.nexconn.exporter.token;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Sends one-to-one probe messages through the Server API's {@code /v4/direct-channel/message/send}
 * (DirectChannelMessageSendRequest), signed like every Server API call. The content is a JSON
 * object carrying {@code seq} and {@code sentAt}, so the receiving probe can match the delivery;
 * push is disabled and nothing is persisted.
 */
public final class ServerApiMessageSender {
  /** A custom message type (custom types must not start with {@code RC:}). */
  public static final String MESSAGE_TYPE = "NC:ProbeMsg";

  private static final String PATH = "/v4/direct-channel/message/send";

  private final WebClient client;
  private final String url;
  private final String appKey;
  private final String appSecret;
  private final Clock clock;
  private final RandomGenerator random;

  public ServerApiMessageSender(
      WebClient client,
      URI baseUrl,
      String appKey,
      String appSecret,
      Clock clock,
      RandomGenerator random) {
    this.client = client;
    this.url = baseUrl.toString().replaceAll("/+$", "") + PATH;
    this.appKey = appKey;
    this.appSecret = appSecret;
    this.clock = clock;
    this.random = random;
  }

  /** Sends; fails with a message naming the HTTP status and business code on a refusal. */
  public Future<Void> send(String fromUserId, String toUserId, long seq, long sentAt) {
    String nonce;
    synchronized (random) {
      nonce = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }
    String timestamp = Long.toString(clock.millis());
    JsonObject body =
        new JsonObject()
            .put("fromUserId", fromUserId)
            .put("toUserIds", new JsonArray().add(toUserId))
            .put("messageType", MESSAGE_TYPE)
            .put("content", new JsonObject().put("seq", seq).put("sentAt", sentAt).encode())
            .put("disablePush", true)
            .put("shouldPersist", 0);
    return client
        .postAbs(url)
        .putHeader("App-Key", appKey)
        .putHeader("Nonce", nonce)
        .putHeader("Timestamp", timestamp)
        .putHeader("Signature", ServerApiSignature.sign(appSecret, nonce, timestamp))
        .putHeader("Content-Type", "application/json")
        .sendJsonObject(body)
        .compose(
            r -> {
              JsonObject answer;
              try {
                answer = r.bodyAsJsonObject();
              } catch (RuntimeException e) {
                answer = null;
              }
              Object code = answer == null ? null : answer.getValue("code");
              if (r.statusCode() == 200 && Integer.valueOf(0).equals(code)) {
                return Future.succeededFuture();
              }
              return Future.failedFuture(
                  new IllegalStateException(
                      "Server API "
                          + PATH
                          + " refused: HTTP "
                          + r.statusCode()
                          + ", code "
                          + code
                          + (answer == null
                              ? ""
                              : ServerApiRefusal.message(
                                  answer.getValue("errorMessage"), appSecret))));
            });
  }
}
