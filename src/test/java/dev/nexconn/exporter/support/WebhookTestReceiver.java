package dev.nexconn.exporter.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP receiver on loopback that records request bodies and headers, answers with a fixed
 * status and body, and can fail the first N requests with HTTP 503 to exercise retries. It stands
 * in for a sidecar, an alert webhook or an app server's token endpoint.
 */
public final class WebhookTestReceiver {
  /** One received request; {@code text} is its body as sent. */
  public record Received(String path, String secretHeader, String authorization, String text) {
    /** The body as a JSON object. */
    public JsonObject body() {
      return new JsonObject(text);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<JsonObject> refused = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 503;
  private final AtomicInteger attempts = new AtomicInteger();
  private final HttpServer server;

  /** Answers every request with {@code status} and the body {@code {}}. */
  public WebhookTestReceiver(Vertx vertx, int status) {
    this(vertx, status, "{}");
  }

  /** Answers every request with {@code status} and {@code replyBody}. */
  public WebhookTestReceiver(Vertx vertx, int status, String replyBody) {
    try {
      this.server =
          vertx
              .createHttpServer()
              .requestHandler(
                  req ->
                      req.body()
                          .onSuccess(
                              buf -> {
                                attempts.incrementAndGet();
                                if (failuresLeft.getAndDecrement() > 0) {
                                  refused.add(buf.toJsonObject());
                                  req.response()
                                      .setStatusCode(failureStatus)
                                      .putHeader("Retry-After", "1")
                                      .end();
                                  return;
                                }
                                received.add(
                                    new Received(
                                        req.path(),
                                        req.getHeader("X-Nexconn-Webhook-Secret"),
                                        req.getHeader("Authorization"),
                                        buf.toString()));
                                req.response().setStatusCode(status).end(replyBody);
                              }))
              .listen(0, "127.0.0.1")
              .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers the next {@code n} requests with HTTP 503. */
  public void failNext(int n) {
    failNext(n, 503);
  }

  /** Answers the next {@code n} requests with {@code status} and {@code Retry-After: 1}. */
  public void failNext(int n, int status) {
    failureStatus = status;
    failuresLeft.set(n);
  }

  /** Bodies of the requests that were answered with a failure. */
  public List<JsonObject> refused() {
    return refused;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public List<Received> received() {
    return received;
  }

  public int attempts() {
    return attempts.get();
  }
}
