package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.function.Function;

/**
 * The fault admin API under {@code /admin/v1}, served on its own listener bound to loopback by
 * default because it has no authentication. Every action answers {@code {"ok":true,...}}; a bad
 * body answers HTTP 400 naming the field and its allowed range. See {@code docs/emulator.md}.
 */
final class FaultAdminHandler {
  private final EmulatorControl control;

  FaultAdminHandler(EmulatorControl control) {
    this.control = control;
  }

  void mount(Router router) {
    router.route("/admin/v1/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    router
        .route("/admin/v1/*")
        .failureHandler(
            ctx ->
                EmulatorVerticle.reply(
                    ctx,
                    ctx.statusCode() == 413 ? 413 : ctx.request().isEnded() ? 500 : 400,
                    new JsonObject()
                        .put("ok", false)
                        .put(
                            "error",
                            ctx.statusCode() == 413
                                ? "body larger than 16384 bytes"
                                : ctx.request().isEnded()
                                    ? "internal error"
                                    : "the body could not be read: send one JSON object")));
    router.get("/admin/v1/stats").handler(ctx -> EmulatorVerticle.reply(ctx, 200, control.stats()));
    router
        .get("/admin/v1/connect-attempts")
        .handler(ctx -> EmulatorVerticle.reply(ctx, 200, control.connectAttempts()));
    router
        .delete("/admin/v1/faults")
        .handler(
            ctx -> {
              control.clearFaults();
              EmulatorVerticle.reply(ctx, 200, new JsonObject().put("ok", true));
            });
    action(
        router, "faults/drop", b -> count(control.dropConnections(percent(b), closeCode(b, 1001))));
    action(
        router,
        "faults/close",
        b -> count(control.dropConnections(percent(b), closeCode(b, 1011))));
    action(
        router,
        "faults/refuse",
        b -> {
          int code = (int) number(b, "code", EmulatorCodes.SERVER_UNAVAILABLE, 1, 99_999);
          control.refuseConnections(seconds(b, "seconds"), code);
          return ok();
        });
    action(
        router,
        "faults/half-open",
        b -> {
          control.halfOpen(seconds(b, "seconds"));
          return ok();
        });
    action(
        router,
        "faults/latency",
        b -> {
          long millis = number(b, "millis", -1, 1, 120_000);
          control.addLatency(Duration.ofMillis(millis), seconds(b, "seconds"));
          return ok();
        });
    action(
        router,
        "faults/proxy-failure",
        b -> {
          int status = (int) number(b, "httpStatus", 502, 400, 599);
          control.proxyFailure(seconds(b, "seconds"), status);
          return ok();
        });
    action(
        router,
        "faults/message-drop",
        b -> {
          control.dropMessages(percent(b), seconds(b, "seconds"));
          return ok();
        });
    action(
        router,
        "faults/message-duplicate",
        b -> {
          control.duplicateMessages(percent(b), seconds(b, "seconds"));
          return ok();
        });
    action(
        router,
        "faults/message-delay",
        b -> {
          long millis = number(b, "millis", -1, 1, 120_000);
          control.delayMessages(Duration.ofMillis(millis), seconds(b, "seconds"));
          return ok();
        });
    action(
        router,
        "faults/restart",
        b -> {
          control.restart(Duration.ofSeconds(number(b, "downSeconds", 2, 0, 3600)));
          return ok();
        });
    action(
        router,
        "users/ban",
        b ->
            count(
                control.ban(percent(b), Duration.ofMinutes(number(b, "minutes", 10, 1, 43_200)))));
    action(router, "users/unban", b -> count(control.unbanAll()));
    action(router, "users/kick", b -> count(control.kick(percent(b))));
    action(router, "users/expire-tokens", b -> count(control.expireTokens(percent(b))));
    action(router, "users/soft-delete", b -> count(control.softDelete(percent(b))));
    action(
        router,
        "token-lifetime",
        b -> {
          control.tokenLifetime(Duration.ofSeconds(number(b, "seconds", -1, 0, 315_360_000)));
          return ok();
        });
  }

  private void action(Router router, String path, Function<JsonObject, JsonObject> body) {
    router
        .post("/admin/v1/" + path)
        .handler(
            ctx -> {
              try {
                EmulatorVerticle.reply(ctx, 200, body.apply(json(ctx)));
              } catch (ApiError e) {
                EmulatorVerticle.reply(
                    ctx, 400, new JsonObject().put("ok", false).put("error", e.getMessage()));
              }
            });
  }

  private static JsonObject json(RoutingContext ctx) {
    if (ctx.body().length() == 0) {
      return new JsonObject();
    }
    try {
      JsonObject body = ctx.body().asJsonObject();
      return body == null ? new JsonObject() : body;
    } catch (RuntimeException e) {
      throw ApiError.badParameter("body must be a JSON object, e.g. {\"percent\":50}");
    }
  }

  private static JsonObject ok() {
    return new JsonObject().put("ok", true);
  }

  private static JsonObject count(int affected) {
    return ok().put("affected", affected);
  }

  private static double percent(JsonObject b) {
    Object v = b.getValue("percent");
    if (v == null) {
      return 100;
    }
    if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 100) {
      throw ApiError.badParameter("percent must be a number from 0 to 100, got " + v);
    }
    return n.doubleValue();
  }

  private static int closeCode(JsonObject b, int fallback) {
    int code = (int) number(b, "closeCode", fallback, 1000, 4999);
    if (code == 1004 || code == 1005 || code == 1006 || code == 1015) {
      throw ApiError.badParameter(
          "closeCode "
              + code
              + " is reserved and cannot be sent; use 1001, 1011, 1012, 1013 or 4xxx");
    }
    return code;
  }

  private static Duration seconds(JsonObject b, String field) {
    return Duration.ofSeconds(number(b, field, -1, 0, 86_400));
  }

  /** The integer field, or {@code fallback} when absent; a negative fallback makes it required. */
  private static long number(JsonObject b, String field, long fallback, long min, long max) {
    Object v = b.getValue(field);
    if (v == null && fallback >= 0) {
      return fallback;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw ApiError.badParameter(field + " must be an integer from " + min + " to " + max);
    }
    long value = n.longValue();
    if (value < min || value > max) {
      throw ApiError.badParameter(field + " must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }
}
