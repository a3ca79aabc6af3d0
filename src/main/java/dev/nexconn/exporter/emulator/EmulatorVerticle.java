package dev.nexconn.exporter.emulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Optional;

/**
 * The Nexconn server emulator on one port: the protocol v1 connection endpoint at {@code
 * /v1/connect}, the Server API v4 under {@code /v4}, and a fault API under {@code /admin/v1}.
 *
 * <pre>{@code
 * EmulatorVerticle emulator = new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, key, secret),
 *     Clock.systemUTC());
 * vertx.deployVerticle(emulator).onSuccess(id -> emulator.port());
 * }</pre>
 */
public final class EmulatorVerticle extends VerticleBase {
  /** Path of the WebSocket connection endpoint. */
  public static final String CONNECT_PATH = "/v1/connect";

  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final EmulatorOptions options;
  private final Clock clock;
  private final TokenStore tokens = new TokenStore();
  private final ConnectionEndpoint endpoint = new ConnectionEndpoint(tokens);
  private final ServerApiAuth auth;
  private volatile HttpServer server;

  public EmulatorVerticle(EmulatorOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.auth = new ServerApiAuth(options.appKey(), options.appSecret(), clock);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route("/v4/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    router.route("/v4/*").handler(this::authenticate);
    router.post("/v4/auth/access-token/issue").handler(this::issueToken);
    router.post("/admin/v1/faults/drop").handler(this::dropAll);
    router.get("/admin/v1/stats").handler(this::stats);
    return vertx
        .createHttpServer()
        .webSocketHandler(
            ws -> {
              if (CONNECT_PATH.equals(ws.path())) {
                endpoint.accept(ws);
              } else {
                ws.close((short) 1008, "unknown path " + ws.path());
              }
            })
        .requestHandler(router)
        .listen(options.port(), options.host())
        .onSuccess(s -> server = s);
  }

  /** The bound port. */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  /** Drops every live session abruptly; returns how many. */
  public int dropAllConnections() {
    return endpoint.dropAll();
  }

  /** Live sessions right now. */
  public int sessionCount() {
    return endpoint.sessionCount();
  }

  private void authenticate(RoutingContext ctx) {
    Optional<String> problem = auth.check(ctx.request());
    if (problem.isPresent()) {
      reply(ctx, 401, new JsonObject().put("code", 1004).put("msg", problem.get()));
    } else {
      ctx.next();
    }
  }

  private void issueToken(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    Object userId = body.getValue("userId");
    if (!(userId instanceof String id) || id.isEmpty() || id.length() > 64) {
      reply(
          ctx,
          400,
          new JsonObject()
              .put("code", 1002)
              .put("msg", "userId must be a string of 1 to 64 chars"));
      return;
    }
    String token = tokens.issue(id, clock.millis());
    reply(
        ctx,
        200,
        new JsonObject()
            .put("code", 0)
            .put("result", new JsonObject().put("userId", id).put("accessToken", token)));
  }

  private void dropAll(RoutingContext ctx) {
    reply(ctx, 200, new JsonObject().put("dropped", endpoint.dropAll()));
  }

  private void stats(RoutingContext ctx) {
    reply(ctx, 200, new JsonObject().put("sessions", endpoint.sessionCount()));
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (RuntimeException e) {
      // fall through to the 400 below
    }
    reply(ctx, 400, new JsonObject().put("code", 1002).put("msg", "body must be a JSON object"));
    return null;
  }

  static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
