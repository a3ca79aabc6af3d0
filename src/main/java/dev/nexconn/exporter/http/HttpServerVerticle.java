package dev.nexconn.exporter.http;

import dev.nexconn.exporter.api.ApiResponses;
import dev.nexconn.exporter.api.ListenerGuard;
import dev.nexconn.exporter.api.ListenerLimits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final ConnectionBoard board;
  private final List<ReadinessCheck> checks;
  private final Consumer<Router> routes;
  private final ListenerGuard guard;
  private final MetricsExposition exposition;

  /** The next negative port: a random port shared by one deployment's instances. */
  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

  private volatile HttpServer server;

  /** What {@link #deploy} deployed, for {@link #undeploy}; null before and after. */
  private volatile Deployed deployed;

  private record Deployed(Vertx vertx, String id) {}

  public HttpServerVerticle(
      String host,
      int port,
      PrometheusMeterRegistry registry,
      ConnectionBoard board,
      List<ReadinessCheck> checks,
      Consumer<Router> routes) {
    this(host, port, registry, board, checks, routes, Duration.ZERO, null);
  }

  /**
   * @param metricsCacheTtl how long a rendered {@code /metrics} may be served again ({@code
   *     http.metricsCacheTtl}); concurrent scrapes share one render either way
   * @param guard the listener's timeouts and connection cap ({@code http.*}, {@link
   *     ListenerLimits}), shared by every instance of a deployment so the cap is per listener;
   *     {@code null} means {@link ListenerLimits#DEFAULT}
   */
  public HttpServerVerticle(
      String host,
      int port,
      PrometheusMeterRegistry registry,
      ConnectionBoard board,
      List<ReadinessCheck> checks,
      Consumer<Router> routes,
      Duration metricsCacheTtl,
      ListenerGuard guard) {
    this(host, port, registry::scrape, board, checks, routes, metricsCacheTtl, guard);
  }

  /**
   * Like the constructor above with {@code /metrics} written by {@code metrics} (the sidecar passes
   * {@code metrics.MeterExposition}) rather than by the registry's own scrape.
   */
  public HttpServerVerticle(
      String host,
      int port,
      MetricsWriter metrics,
      ConnectionBoard board,
      List<ReadinessCheck> checks,
      Consumer<Router> routes,
      Duration metricsCacheTtl,
      ListenerGuard guard) {
    this(
        host,
        port,
        board,
        checks,
        routes,
        new MetricsExposition(
            (type, out) -> metrics.write(out, type), metricsCacheTtl, System::nanoTime),
        guard);
  }

  /** Writes the {@code /metrics} exposition in a content type. */
  @FunctionalInterface
  public interface MetricsWriter {
    void write(java.io.OutputStream out, String contentType) throws java.io.IOException;
  }

  private HttpServerVerticle(
      String host,
      int port,
      ConnectionBoard board,
      List<ReadinessCheck> checks,
      Consumer<Router> routes,
      MetricsExposition exposition,
      ListenerGuard guard) {
    this.guard = guard;
    this.host = host;
    this.port = port;
    this.board = board;
    this.checks = List.copyOf(checks);
    this.routes = routes;
    this.exposition = exposition;
  }

  /**
   * Deploys this server and {@code instances - 1} copies of it on the port this one bound, each on
   * its own event loop: Vert.x spreads the connections of a shared port over the instances, so
   * ingest runs on as many cores as there are instances. The copies share the routes' handlers
   * (sinks are thread-safe) and the {@code /metrics} renders.
   */
  public Future<HttpServerVerticle> deploy(Vertx vertx, int instances) {
    if (instances <= 1) {
      return vertx.deployVerticle(this).map(id -> deployed(vertx, id));
    }
    // Vert.x shares a listening socket between servers that ask for the same address. Port 0
    // would give each instance its own random port; a negative port means "a random port shared
    // by every server asking for this same negative number", one number per deployment.
    int shared = port == 0 ? SHARED_RANDOM_PORTS.decrementAndGet() : port;
    HttpServerVerticle first = copy(shared);
    AtomicInteger made = new AtomicInteger();
    return vertx
        .deployVerticle(
            () -> {
              return made.getAndIncrement() == 0 ? first : copy(shared);
            },
            new DeploymentOptions().setInstances(instances))
        .map(
            id -> {
              server = first.server;
              return deployed(vertx, id);
            });
  }

  private HttpServerVerticle deployed(Vertx vertx, String id) {
    deployed = new Deployed(vertx, id);
    return this;
  }

  /**
   * Undeploys what {@link #deploy} deployed: every instance closes its server, so the port refuses
   * connections once the future completes, while the Vert.x instance keeps running. Again, or
   * before a deploy, it does nothing.
   */
  public Future<Void> undeploy() {
    Deployed d = deployed;
    deployed = null;
    return d == null ? Future.succeededFuture() : d.vertx().undeploy(d.id());
  }

  private HttpServerVerticle copy(int listenPort) {
    return new HttpServerVerticle(host, listenPort, board, checks, routes, exposition, guard);
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

  /**
   * Closes this instance's server on undeploy: it is made by the shared {@link ListenerGuard}, so
   * it is closed here rather than left to whichever context's close hooks it was registered with.
   */
  @Override
  public Future<?> stop() {
    HttpServer s = server;
    return s == null ? Future.succeededFuture() : s.close();
  }

  /** The bound port (useful when configured as 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private void metrics(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    boolean openMetrics = accept != null && accept.contains(OPENMETRICS);
    String contentType = openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE;
    boolean gzip = acceptsGzip(ctx.request().getHeader("Accept-Encoding"));
    Context here = vertx.getOrCreateContext();
    exposition
        .render(vertx, contentType)
        .compose(r -> gzip ? r.gzip(vertx) : Future.succeededFuture(r.buffer()))
        .onComplete(
            ar ->
                // A shared render completes on whichever thread finished it; answer on ours.
                here.runOnContext(
                    v -> {
                      if (ar.failed()) {
                        ctx.fail(ar.cause());
                        return;
                      }
                      ctx.response()
                          .putHeader("Content-Type", contentType)
                          .putHeader("Vary", "Accept-Encoding");
                      if (gzip) {
                        ctx.response().putHeader("Content-Encoding", "gzip");
                      }
                      ctx.response().end(ar.result());
                    }));
  }

  /** True when {@code Accept-Encoding} lists gzip (or *) without {@code q=0}. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.trim().split(";");
      String coding = p[0].trim().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("*")) {
        continue;
      }
      boolean refused = false;
      for (int i = 1; i < p.length; i++) {
        String q = p[i].trim().replace(" ", "");
        refused |= q.matches("q=0(\\.0*)?");
      }
      return !refused;
    }
    return false;
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
