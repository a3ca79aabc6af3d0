package dev.nexconn.exporter.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of the emulator's Server API for code the test does not call itself
 * (the {@code server-api} token provider): each request is checked against the vendor's definition
 * on the way in, each answer on the way out, and every mismatch is kept for the test to assert on.
 */
public final class ContractCheckingProxy implements AutoCloseable {
  private final ServerApiContract contract;
  private final HttpClient upstream;
  private final int upstreamPort;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicInteger exchanges = new AtomicInteger();
  private final HttpServer server;

  private ContractCheckingProxy(Vertx vertx, int upstreamPort) throws Exception {
    this.contract = ServerApiContract.load(vertx);
    this.upstream = vertx.createHttpClient();
    this.upstreamPort = upstreamPort;
    this.server =
        vertx
            .createHttpServer()
            .requestHandler(this::forward)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  /** Starts a proxy to the Server API on {@code 127.0.0.1:upstreamPort}. */
  public static ContractCheckingProxy start(Vertx vertx, int upstreamPort) {
    try {
      return new ContractCheckingProxy(vertx, upstreamPort);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the contract proxy", e);
    }
  }

  /** Base URL to give the client instead of the emulator's. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** Every request or answer that did not match the definition, with the reason. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Requests that were answered through the proxy. */
  public int exchanges() {
    return exchanges.get();
  }

  private void forward(HttpServerRequest in) {
    String path = in.path();
    headerProblem(in).ifPresent(p -> problems.add(path + ": " + p));
    in.body()
        .compose(
            body ->
                contract
                    .requestProblem(path, in.getHeader("Content-Type"), body)
                    .onSuccess(p -> p.ifPresent(problems::add))
                    .compose(p -> send(in, body)))
        .onSuccess(v -> exchanges.incrementAndGet())
        .onFailure(
            e -> {
              problems.add("proxy could not forward " + path + ": " + e);
              in.response().setStatusCode(502).end();
            });
  }

  /**
   * The signing headers as the definition's security scheme names them and the generated clients
   * fill them: {@code Timestamp} in milliseconds, a hex SHA-1 {@code Signature}, no {@code RC-}
   * prefix, an optional {@code X-Request-ID} of at most 36 characters.
   */
  static java.util.Optional<String> headerProblem(HttpServerRequest in) {
    for (String name : List.of("App-Key", "Nonce", "Timestamp", "Signature")) {
      if (in.getHeader(name) == null) {
        return java.util.Optional.of("header " + name + " is missing");
      }
      if (in.getHeader("RC-" + name) != null) {
        return java.util.Optional.of("header RC-" + name + " is not what the definition names");
      }
    }
    String nonce = in.getHeader("Nonce");
    if (nonce.isEmpty() || nonce.length() > 18) {
      return java.util.Optional.of("Nonce must be 1 to 18 characters");
    }
    if (!in.getHeader("Timestamp").matches("\\d{13}")) {
      return java.util.Optional.of(
          "Timestamp is not in milliseconds: " + in.getHeader("Timestamp"));
    }
    if (!in.getHeader("Signature").matches("[0-9a-f]{40}")) {
      return java.util.Optional.of("Signature is not a lower-case hex SHA-1");
    }
    String requestId = in.getHeader("X-Request-ID");
    if (requestId != null && (requestId.isEmpty() || requestId.length() > 36)) {
      return java.util.Optional.of("X-Request-ID must be 1 to 36 characters");
    }
    return java.util.Optional.empty();
  }

  private Future<Void> send(HttpServerRequest in, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(in.method())
            .setHost("127.0.0.1")
            .setPort(upstreamPort)
            .setURI(in.uri())
            .setHeaders(in.headers());
    return upstream
        .request(options)
        .compose(req -> req.send(body))
        .compose(
            (HttpClientResponse res) ->
                res.body()
                    .compose(
                        answer ->
                            contract
                                .responseProblem(
                                    in.path(),
                                    res.statusCode(),
                                    res.getHeader("Content-Type"),
                                    answer)
                                .compose(
                                    p -> {
                                      p.ifPresent(problems::add);
                                      var out = in.response().setStatusCode(res.statusCode());
                                      String type = res.getHeader("Content-Type");
                                      if (type != null) {
                                        out.putHeader("Content-Type", type);
                                      }
                                      return out.end(answer);
                                    })));
  }

  @Override
  public void close() {
    server.close();
    upstream.close();
  }
}
