package dev.nexconn.exporter.support;

import dev.nexconn.exporter.token.TokenProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's own token server on 127.0.0.1, as the {@code app-server} token provider expects it:
 * {@code POST /token {"userId","refresh"}} answered {@code 200 {"token": ...}}, the token issued by
 * {@code issuer} (in tests the emulator's Server API, as a real app server would call the
 * vendor's). It can be {@link #close closed}, so that its port refuses connections, and {@link
 * #reopen reopened} on the same port. Every token it handed out is kept for leak checks.
 *
 * <pre>{@code
 * AppTokenServer tokens = AppTokenServer.start(vertx, serverApiProvider);
 * // token: {type: app-server, url: tokens.url()}
 * tokens.close();   // the port refuses connections
 * tokens.reopen();  // same port again
 * }</pre>
 */
public final class AppTokenServer {
  private final Vertx vertx;
  private final TokenProvider issuer;
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private int port;
  private HttpServer server;

  private AppTokenServer(Vertx vertx, TokenProvider issuer) {
    this.vertx = vertx;
    this.issuer = issuer;
  }

  /** Listens on a free port of 127.0.0.1. */
  public static AppTokenServer start(Vertx vertx, TokenProvider issuer) throws Exception {
    AppTokenServer s = new AppTokenServer(vertx, issuer);
    s.listen(0);
    return s;
  }

  private void listen(int onPort) throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(onPort, "127.0.0.1")
            .await(5, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    requests.incrementAndGet();
    request
        .body()
        .compose(body -> issuer.token(body.toJsonObject().getString("userId"), false))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                issued.add(ar.result());
                request.response().end(new JsonObject().put("token", ar.result()).encode());
              } else {
                request.response().setStatusCode(502).end();
              }
            });
  }

  /** Closes the listening socket and every open connection: the port now refuses connections. */
  public void close() throws Exception {
    server.close().await(5, TimeUnit.SECONDS);
  }

  /** Listens again on the same port. */
  public void reopen() throws Exception {
    listen(port);
  }

  /** The token endpoint, {@code http://127.0.0.1:<port>/token}. */
  public String url() {
    return "http://127.0.0.1:" + port + "/token";
  }

  public int port() {
    return port;
  }

  /** Requests answered or refused so far (not those its closed port refused). */
  public int requests() {
    return requests.get();
  }

  /** Every token handed out. */
  public List<String> issued() {
    return List.copyOf(issued);
  }
}
