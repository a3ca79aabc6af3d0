package dev.nexconn.exporter.http;

import dev.nexconn.exporter.api.ApiResponses;
import dev.nexconn.exporter.api.ListenerGuard;
import dev.nexconn.exporter.api.ListenerLimits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sidecar's one HTTP server: {@code /metrics}, {@code /livez}, {@code /readyz} and the JSON API
 * under {@code /api/v1}. Other packages add routes through {@code routes}.
 *
 * <pre>{@code
 * vertx.deployVerticle(new HttpServerVerticle("0.0.0.0", 9464, registry, board, checks, r -> {}));
 * }</pre>
 */
public final class HttpServerVerticle extends VerticleBase {
  static final String OPENMETRICS = "application/openmetrics-text";
  static final String OPENMETRICS_CONTENT_TYPE =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final String host;
  private final int port;
  private final PrometheusMeterRegistry registry;
  private final ConnectionBoard board;
  private final List<ReadinessCheck> checks;
  private final Consumer<Router> routes;
  private final ListenerGuard guard;
  private volatile HttpServer server;

  public HttpServerVerticle(
      String host,
      int port,
      PrometheusMeterRegistry registry,
      ConnectionBoard board,
      List<ReadinessCheck> checks,
      Consumer<Router> routes) {
    this(host, port, registry, board, checks, routes, null);
  }

  /**
   * As above, with the listener's timeouts and connection cap ({@code http.*}, {@link
   * ListenerLimits}); {@code null} means {@link ListenerLimits#DEFAULT}.
   */
  public HttpServerVerticle(
      String host,
      int port,
      PrometheusMeterRegistry registry,
      ConnectionBoard board,
      List<ReadinessCheck> checks,
      Consumer<Router> routes,
      ListenerGuard guard) {
    this.guard = guard;
    this.host = host;
    this.port = port;
    this.registry = registry;
    this.board = board;
    this.checks = List.copyOf(checks);
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(this::metrics);
    router.get("/livez").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/readyz").handler(this::readiness);
    router.get("/api/v1/connections").handler(this::connections);
    router.get("/").handler(new StatusPageHandler());
    apiErrors(router);
    routes.accept(router);
    ListenerGuard g =
        guard != null ? guard : new ListenerGuard(vertx, "sidecar", ListenerLimits.DEFAULT);
    return g.server(new HttpServerOptions(), router).listen(port, host).onSuccess(s -> server = s);
  }

  /** The bound port (useful when configured as 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private void metrics(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    boolean openMetrics = accept != null && accept.contains(OPENMETRICS);
    String contentType = openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE;
    vertx
        .executeBlocking(() -> registry.scrape(contentType), false)
        .onSuccess(body -> ctx.response().putHeader("Content-Type", contentType).end(body))
        .onFailure(ctx::fail);
  }

  private void readiness(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    boolean allUp = true;
    for (ReadinessCheck check : checks) {
      boolean up = check.up().getAsBoolean();
      allUp &= up;
      list.add(new JsonObject().put("id", check.id()).put("status", up ? "UP" : "DOWN"));
    }
    json(
        ctx,
        allUp ? 200 : 503,
        new JsonObject().put("status", allUp ? "UP" : "DOWN").put("checks", list));
  }

  private void connections(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    for (ConnectionBoard.Entry e : board.entries()) {
      list.add(
          new JsonObject()
              .put("id", e.id())
              .put("userId", e.userId())
              .put("status", e.status().label())
              .put("code", e.status().code())
              .put("since", e.since().toString())
              .put("reconnects", e.reconnects())
              .put("lastErrorCode", e.lastErrorCode())
              .put(
                  "lastFailurePhase",
                  e.lastFailure() == null ? null : e.lastFailure().phase().label())
              .put("lastFailureReason", e.lastFailure() == null ? null : e.lastFailure().label()));
    }
    json(ctx, 200, new JsonObject().put("connections", list));
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ApiResponses.json(ctx, status, body);
  }

  /**
   * Vert.x answers unmatched routes and handler failures with an HTML page; under {@code /api/v1}
   * they get the API's one error body instead, so a client parses every error the same way.
   */
  private static void apiErrors(Router router) {
    router.errorHandler(
        404,
        ctx ->
            apiError(
                ctx,
                404,
                "not_found",
                "no such API route: see the README for /api/v1/events, /api/v1/connections,"
                    + " /api/v1/summary and /api/v1/alerts"));
    router.errorHandler(
        405, ctx -> apiError(ctx, 405, "method_not_allowed", "this route takes another method"));
    router.errorHandler(
        500, ctx -> apiError(ctx, 500, "internal", "the request could not be processed; retry"));
  }

  private static void apiError(RoutingContext ctx, int status, String code, String message) {
    if (ctx.request().path().startsWith(ApiResponses.PREFIX)) {
      ApiResponses.error(ctx, status, code, message);
    } else if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).end();
    }
  }
}
