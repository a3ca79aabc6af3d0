package dev.nexconn.exporter.emulator;

import dev.nexconn.exporter.api.ListenerGuard;
import dev.nexconn.exporter.api.ListenerLimits;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Nexconn server emulator: the protocol v1 connection endpoint at {@code /v1/connect} and the
 * Server API v4 under {@code /v4} on the public listener, and the fault admin API under {@code
 * /admin/v1} on a second listener bound to loopback by default.
 *
 * <pre>{@code
 * EmulatorVerticle emulator = new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, key, secret),
 *     Clock.systemUTC());
 * vertx.deployVerticle(emulator).onSuccess(id -> emulator.port());
 * emulator.control().dropConnections(50, 1001);
 * }</pre>
 */
public final class EmulatorVerticle extends VerticleBase {
  /** Path of the WebSocket connection endpoint. */
  public static final String CONNECT_PATH = "/v1/connect";

  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorVerticle.class);

  private final EmulatorOptions options;
  private final Clock clock;
  private final RandomGenerator random;
  private final TokenStore tokens = new TokenStore();
  private final UserAccounts accounts = new UserAccounts();
  private final FaultState faults;
  private final ConnectAttemptCounter attempts;
  private final ServerApiAuth auth;
  private final ListenerLimits publicLimits;
  private final ListenerLimits adminLimits;
  private ListenerGuard publicGuard;
  private ListenerGuard adminGuard;
  private ConnectionEndpoint endpoint;
  private PresenceWebhookSender webhooks;
  private WebClient webClient;
  private volatile EmulatorControl control;
  private volatile HttpServer server;
  private volatile HttpServer adminServer;
  private volatile int boundPort = -1;
  private Router router;
  private Context context;

  public EmulatorVerticle(EmulatorOptions options, Clock clock) {
    this(options, clock, new SplittableRandom());
  }

  public EmulatorVerticle(EmulatorOptions options, Clock clock, RandomGenerator random) {
    this(options, clock, random, ListenerLimits.EMULATOR_PUBLIC, ListenerLimits.EMULATOR_ADMIN);
  }

  /** As above, with the timeouts and connection caps of the public and the admin listener. */
  public EmulatorVerticle(
      EmulatorOptions options,
      Clock clock,
      RandomGenerator random,
      ListenerLimits publicLimits,
      ListenerLimits adminLimits) {
    this.publicLimits = publicLimits;
    this.adminLimits = adminLimits;
    this.options = options;
    this.clock = clock;
    this.random = random;
    this.faults = new FaultState(clock);
    this.attempts = new ConnectAttemptCounter(clock);
    this.auth = new ServerApiAuth(options.appKey(), options.appSecret(), clock);
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    webClient = WebClient.create(vertx);
    webhooks =
        new PresenceWebhookSender(
            vertx, webClient, options.webhookUrls(), options.webhookSecret(), clock, random);
    endpoint =
        new ConnectionEndpoint(
            tokens,
            accounts,
            faults,
            new FrameDelayer(vertx, clock),
            webhooks::offer,
            clock,
            random);
    control =
        new EmulatorControl(
            tokens, accounts, endpoint, faults, attempts, webhooks, this::restart, clock, random);
    router = Router.router(vertx);
    // The signature is in the headers: check it before reading the body, and never store uploads
    // (the default BodyHandler writes multipart files to ./file-uploads and keeps them).
    router.route("/v4/*").handler((SecurityPolicyHandler) this::authenticate);
    router.route("/v4/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route("/v4/*").failureHandler(EmulatorVerticle::serverApiFailure);
    new ServerApiHandler(
            tokens,
            accounts,
            endpoint,
            new ApiRateLimiter(clock, options.apiRatePerSecond()),
            clock)
        .mount(router);
    router
        .route("/v4/*")
        .handler(
            ctx ->
                reply(
                    ctx,
                    404,
                    new JsonObject()
                        .put("code", 404)
                        .put("errorMessage", "no such Server API endpoint: see docs/emulator.md")));
    webhooks.start();
    Future<?> admin = Future.succeededFuture();
    if (options.adminPort() >= 0) {
      Router adminRouter = Router.router(vertx);
      new FaultAdminHandler(control).mount(adminRouter);
      adminGuard = new ListenerGuard(vertx, "emulator_admin", adminLimits);
      admin =
          adminGuard
              .server(new HttpServerOptions(), adminRouter)
              .listen(options.adminPort(), options.adminHost())
              .onSuccess(s -> adminServer = s);
    }
    return admin
        .compose(v -> listen(options.port()))
        .onSuccess(
            s ->
                LOG.atInfo()
                    .addKeyValue("event", "emulator_started")
                    .addKeyValue("host", options.host())
                    .addKeyValue("port", boundPort)
                    .addKeyValue(
                        "admin",
                        adminServer == null
                            ? "off"
                            : options.adminHost() + ":" + adminServer.actualPort())
                    .log());
  }

  @Override
  public Future<?> stop() {
    if (webhooks != null) {
      webhooks.stop();
    }
    return Future.succeededFuture();
  }

  private Future<HttpServer> listen(int port) {
    if (publicGuard == null) {
      publicGuard = new ListenerGuard(vertx, "emulator_public", publicLimits);
    }
    return publicGuard
        .server(new HttpServerOptions(), router)
        .webSocketHandshakeHandler(
            publicGuard.webSockets(
                hs -> {
                  int proxyStatus = faults.proxyFailureStatus();
                  if (!CONNECT_PATH.equals(hs.path())) {
                    hs.reject(404);
                    return;
                  }
                  attempts.record();
                  if (proxyStatus != 0) {
                    hs.reject(proxyStatus);
                  } else {
                    hs.accept();
                  }
                }))
        .webSocketHandler(ws -> endpoint.accept(ws))
        .listen(port, options.host())
        .onSuccess(
            s -> {
              server = s;
              boundPort = s.actualPort();
            });
  }

  private Future<Void> restart(Duration down) {
    Promise<Void> done = Promise.promise();
    // On the verticle's own context, so the new listener's handlers run where the old ones did.
    context.runOnContext(
        v -> {
          endpoint.drop(100, (short) 1012, "service restart");
          HttpServer s = server;
          Future<Void> closed = s == null ? Future.succeededFuture() : s.close();
          closed.onComplete(
              c -> {
                LOG.atInfo()
                    .addKeyValue("event", "emulator_restart")
                    .addKeyValue("down_ms", down.toMillis())
                    .log();
                vertx.setTimer(
                    Math.max(1, down.toMillis()),
                    t -> listen(boundPort).<Void>mapEmpty().onComplete(done));
              });
        });
    return done.future();
  }

  /** The bound port of the public listener. */
  public int port() {
    return boundPort;
  }

  /** The bound port of the admin API, -1 when disabled or not started. */
  public int adminPort() {
    HttpServer s = adminServer;
    return s == null ? -1 : s.actualPort();
  }

  /** Faults and user actions; available once the verticle is deployed. */
  public EmulatorControl control() {
    return control;
  }

  /** Drops every live session abruptly; returns how many. */
  public int dropAllConnections() {
    return control.dropConnections(100, 1001);
  }

  /** Live sessions right now. */
  public int sessionCount() {
    return endpoint == null ? 0 : endpoint.sessionCount();
  }

  private void authenticate(RoutingContext ctx) {
    Optional<String> problem = auth.check(ctx.request());
    if (problem.isPresent()) {
      ApiError refused = ApiError.signature(problem.get());
      reply(ctx, refused.httpStatus(), refused.body());
    } else {
      ctx.next();
    }
  }

  static void reply(RoutingContext ctx, int status, JsonObject body) {
    // Refused before the body was read (bad signature, too large): close instead of reading it.
    boolean unread = ListenerGuard.bodyUnread(ctx.request());
    if (unread) {
      ctx.response().putHeader("Connection", "close");
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode())
        .onComplete(
            v -> {
              if (unread) {
                ListenerGuard.closeUnread(ctx.request(), ctx.vertx());
              }
            });
  }

  /** A body over the limit, or one that could not be read: the Server API's error body. */
  private static void serverApiFailure(RoutingContext ctx) {
    ApiError e;
    if (ctx.statusCode() == 413) {
      e = new ApiError(ApiError.TOO_LONG, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
    } else if (!ctx.request().isEnded()) {
      e = ApiError.badParameter("the body could not be read: send one JSON object");
    } else {
      // A handler failed on a body it had read: the emulator's bug, said as such.
      LOG.atWarn()
          .addKeyValue("event", "server_api_failure")
          .addKeyValue("path", ctx.request().path())
          .addKeyValue("error", String.valueOf(ctx.failure()))
          .log();
      e = new ApiError(500, 500, "internal error");
    }
    reply(ctx, e.httpStatus(), e.body());
  }

  /** The guard of the public listener (connection counts, cuts); null before start. */
  public ListenerGuard publicGuard() {
    return publicGuard;
  }

  /** The guard of the admin listener; null when disabled or before start. */
  public ListenerGuard adminGuard() {
    return adminGuard;
  }
}
