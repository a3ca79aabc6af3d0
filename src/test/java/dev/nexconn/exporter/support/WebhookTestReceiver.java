package dev.nexconn.exporter.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP receiver on loopback that records JSON bodies and headers, and can fail the first N
 * requests with HTTP 503 to exercise retries.
 */
public final class WebhookTestReceiver {
  /** One received request. */
  public record Received(String path, String secretHeader, String authorization, JsonObject body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();
  private final HttpServer server;

  public WebhookTestReceiver(Vertx vertx, int status) {
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
                                  req.response().setStatusCode(503).end();
                                  return;
                                }
                                received.add(
                                    new Received(
                                        req.path(),
                                        req.getHeader("X-Nexconn-Webhook-Secret"),
                                        req.getHeader("Authorization"),
                                        buf.toJsonObject()));
                                req.response().setStatusCode(status).end("{}");
                              }))
              .listen(0, "127.0.0.1")
              .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public void failNext(int n) {
    failuresLeft.set(n);
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
