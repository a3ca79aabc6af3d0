package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Server API v4 endpoints, after {@link ServerApiAuth} has checked the signature. Success is
 * {@code {"code":0,...}}; errors carry the real business codes: 1002 bad parameter (HTTP 400), 1005
 * too long (HTTP 400), 1008 rate limited (HTTP 429). See {@code docs/emulator.md} for examples.
 */
final class ServerApiHandler {
  static final int MAX_USER_IDS = 20;
  static final int MAX_USER_ID_CHARS = 64;
  static final int MAX_BAN_MINUTES = 43_200;

  private final TokenStore tokens;
  private final UserAccounts accounts;
  private final ConnectionEndpoint endpoint;
  private final ApiRateLimiter limiter;
  private final Clock clock;

  ServerApiHandler(
      TokenStore tokens,
      UserAccounts accounts,
      ConnectionEndpoint endpoint,
      ApiRateLimiter limiter,
      Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.endpoint = endpoint;
    this.limiter = limiter;
    this.clock = clock;
  }

  void mount(Router router) {
    route(router, "/v4/auth/access-token/issue", this::issue);
    route(router, "/v4/auth/access-token/expire", this::expire);
    route(router, "/v4/user/ban", this::ban);
    route(router, "/v4/user/unban", this::unban);
    route(router, "/v4/user/ban/list", body -> banList());
    route(router, "/v4/user/connection-status/get", this::connectionStatus);
    route(router, "/v4/user/soft-delete", this::softDelete);
    route(router, "/v4/user/restore", this::restore);
  }

  private void route(Router router, String path, Function<JsonObject, JsonObject> action) {
    router
        .post(path)
        .handler(
            ctx -> {
              try {
                if (!limiter.tryAcquire(path)) {
                  throw new ApiError(
                      ApiError.RATE_LIMITED, 429, "rate limit of " + path + " exceeded: slow down");
                }
                JsonObject result = action.apply(body(ctx));
                JsonObject reply = new JsonObject().put("code", 0);
                if (result != null) {
                  reply.put("result", result);
                }
                EmulatorVerticle.reply(ctx, 200, reply);
              } catch (ApiError e) {
                EmulatorVerticle.reply(
                    ctx,
                    e.httpStatus(),
                    new JsonObject().put("code", e.code()).put("msg", e.getMessage()));
              }
            });
  }

  private JsonObject issue(JsonObject body) {
    String userId = userId(body, "userId");
    Object name = body.getValue("name");
    if (name != null && !(name instanceof String)) {
      throw ApiError.badParameter("name must be a string");
    }
    if (accounts.deleted(userId)) {
      throw ApiError.badParameter(
          "user " + userId + " is deactivated: call /v4/user/restore before issuing a token");
    }
    String token = tokens.issue(userId, clock.millis());
    return new JsonObject().put("userId", userId).put("accessToken", token);
  }

  private JsonObject expire(JsonObject body) {
    List<String> userIds = userIds(body);
    Object at = body.getValue("expiresAt");
    if (!(at instanceof Number n) || n.longValue() < 0 || at instanceof Double) {
      throw ApiError.badParameter("expiresAt must be a time in epoch milliseconds (integer >= 0)");
    }
    userIds.forEach(u -> accounts.expireTokens(u, n.longValue()));
    return null;
  }

  private JsonObject ban(JsonObject body) {
    List<String> userIds = userIds(body);
    Object minutes = body.getValue("durationMinutes");
    if (!(minutes instanceof Integer || minutes instanceof Long)
        || ((Number) minutes).longValue() < 1
        || ((Number) minutes).longValue() > MAX_BAN_MINUTES) {
      throw ApiError.badParameter(
          "durationMinutes must be an integer from 1 to " + MAX_BAN_MINUTES + " (30 days)");
    }
    long until = clock.millis() + ((Number) minutes).longValue() * 60_000L;
    for (String u : userIds) {
      accounts.ban(u, until);
      endpoint.cutUser(u, EmulatorCodes.BANNED_WHILE_CONNECTED, "banned");
    }
    return null;
  }

  private JsonObject unban(JsonObject body) {
    userIds(body).forEach(accounts::unban);
    return null;
  }

  private JsonObject banList() {
    JsonArray users = new JsonArray();
    for (UserAccounts.Ban b : accounts.bans(clock.millis())) {
      users.add(new JsonObject().put("userId", b.userId()).put("bannedUntil", b.untilMillis()));
    }
    return new JsonObject().put("users", users);
  }

  private JsonObject connectionStatus(JsonObject body) {
    String userId = userId(body, "userId");
    return new JsonObject()
        .put("userId", userId)
        .put("status", endpoint.online(userId) ? "1" : "0");
  }

  private JsonObject softDelete(JsonObject body) {
    for (String u : userIds(body)) {
      accounts.softDelete(u);
      endpoint.cutUser(u, EmulatorCodes.USER_ABANDONED, "user deactivated");
    }
    return null;
  }

  private JsonObject restore(JsonObject body) {
    userIds(body).forEach(accounts::restore);
    return null;
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (RuntimeException e) {
      // answered by the 1002 below
    }
    throw ApiError.badParameter("body must be a JSON object");
  }

  private static String userId(JsonObject body, String field) {
    return checkUserId(body.getValue(field), field);
  }

  private static String checkUserId(Object value, String field) {
    if (!(value instanceof String id) || id.isBlank()) {
      throw ApiError.badParameter(field + " must be a non-empty string");
    }
    if (id.length() > MAX_USER_ID_CHARS) {
      throw new ApiError(
          ApiError.TOO_LONG, 400, field + " must be at most " + MAX_USER_ID_CHARS + " characters");
    }
    return id;
  }

  private static List<String> userIds(JsonObject body) {
    Object value = body.getValue("userIds");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw ApiError.badParameter("userIds must be a non-empty array of user ids");
    }
    if (array.size() > MAX_USER_IDS) {
      throw ApiError.badParameter(
          "userIds has " + array.size() + " entries: at most " + MAX_USER_IDS + " per request");
    }
    List<String> ids = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      ids.add(checkUserId(array.getValue(i), "userIds[" + i + "]"));
    }
    return ids;
  }
}
