package dev.nexconn.exporter.emulator;

import static dev.nexconn.exporter.emulator.ServerApiRequests.optionalPositiveInt;
import static dev.nexconn.exporter.emulator.ServerApiRequests.optionalString;
import static dev.nexconn.exporter.emulator.ServerApiRequests.requiredString;
import static dev.nexconn.exporter.emulator.ServerApiRequests.userId;
import static dev.nexconn.exporter.emulator.ServerApiRequests.userIds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The Server API v4 endpoints, after {@link ServerApiAuth} has checked the signature. Field names,
 * types and limits follow the vendor's OpenAPI definition 0.1.2 (see the "Contract" section of
 * {@code docs/emulator.md}); success is {@code {"code":0,...}}, an error {@code {"code":N,
 * "errorMessage":"..."}} with 1002 bad parameter (HTTP 400), 1005 too long (HTTP 400) or 1008 rate
 * limited (HTTP 429).
 */
final class ServerApiHandler {
  /** {@code UserIdsMax20Request}; the prose docs give ban the same limit. */
  static final int MAX_USER_IDS = 20;

  /** {@code UserIdsMax100Request}: soft-delete and restore. */
  static final int MAX_OPERATION_USER_IDS = 100;

  static final int MAX_BAN_MINUTES = 43_200;

  /** {@code UserBanListRequest.pageSize} default. */
  static final int DEFAULT_PAGE_SIZE = 50;

  /**
   * {@code BannedUser.banExpiresAt} is a string; its format is not stated. The definition's other
   * ban expiry ({@code OpenChannelBannedParticipantItem}) is {@code YYYY-MM-DD HH:MM:SS}; UTC is
   * chosen here.
   */
  static final DateTimeFormatter BAN_EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final TokenStore tokens;
  private final UserAccounts accounts;
  private final ConnectionEndpoint endpoint;
  private final ApiRateLimiter limiter;
  private final Clock clock;
  private final AtomicLong operations = new AtomicLong();

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

  /** DirectChannelMessageSendRequest.toUserIds: "Up to 1000 users ... in a single request". */
  private static final int MAX_MESSAGE_RECIPIENTS = 1000;

  private static final int MAX_MESSAGE_TYPE_CHARS = 32;

  void mount(Router router) {
    route(router, "/v4/auth/access-token/issue", this::issue);
    route(router, "/v4/auth/access-token/expire", this::expire);
    route(router, "/v4/user/ban", this::ban);
    route(router, "/v4/user/unban", this::unban);
    route(router, "/v4/user/ban/list", this::banList);
    route(router, "/v4/user/connection-status/get", this::connectionStatus);
    route(router, "/v4/user/soft-delete", this::softDelete);
    route(router, "/v4/user/restore", this::restore);
    route(router, "/v4/direct-channel/message/send", this::sendDirect);
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
                JsonObject result = action.apply(ServerApiRequests.body(ctx));
                JsonObject reply = new JsonObject().put("code", 0);
                if (result != null) {
                  reply.put("result", result);
                }
                EmulatorVerticle.reply(ctx, 200, reply);
              } catch (ApiError e) {
                EmulatorVerticle.reply(ctx, e.httpStatus(), e.body());
              }
            });
  }

  private JsonObject issue(JsonObject body) {
    String userId = userId(body, "userId");
    // AccessTokenIssueRequest: name is required, avatarUrl optional.
    requiredString(body, "name");
    optionalString(body, "avatarUrl");
    if (accounts.deleted(userId)) {
      throw ApiError.badParameter(
          "user " + userId + " is deactivated: call /v4/user/restore before issuing a token");
    }
    String token = tokens.issue(userId, clock.millis());
    return new JsonObject().put("userId", userId).put("accessToken", token);
  }

  private JsonObject expire(JsonObject body) {
    List<String> userIds = userIds(body, MAX_USER_IDS);
    Object at = body.getValue("expiresAt");
    if (!(at instanceof Number n) || n.longValue() < 0 || at instanceof Double) {
      throw ApiError.badParameter("expiresAt must be a time in epoch milliseconds (integer >= 0)");
    }
    userIds.forEach(u -> accounts.expireTokens(u, n.longValue()));
    return null;
  }

  private JsonObject ban(JsonObject body) {
    List<String> userIds = userIds(body, MAX_USER_IDS);
    Object minutes = body.getValue("durationMinutes");
    if (!(minutes instanceof Integer m) || m < 1 || m > MAX_BAN_MINUTES) {
      throw ApiError.badParameter(
          "durationMinutes must be an integer from 1 to " + MAX_BAN_MINUTES + " (30 days)");
    }
    long until = clock.millis() + m * 60_000L;
    for (String u : userIds) {
      accounts.ban(u, until);
      endpoint.cutUser(u, EmulatorCodes.BANNED_WHILE_CONNECTED, "banned");
    }
    return null;
  }

  private JsonObject unban(JsonObject body) {
    userIds(body, MAX_USER_IDS).forEach(accounts::unban);
    return null;
  }

  private JsonObject banList(JsonObject body) {
    int page = optionalPositiveInt(body, "page", 1);
    int pageSize = optionalPositiveInt(body, "pageSize", DEFAULT_PAGE_SIZE);
    List<UserAccounts.Ban> bans = accounts.bans(clock.millis());
    JsonArray users = new JsonArray();
    long from = (long) (page - 1) * pageSize;
    for (long i = from; i < bans.size() && i < from + pageSize; i++) {
      UserAccounts.Ban b = bans.get((int) i);
      users.add(
          new JsonObject()
              .put("userId", b.userId())
              .put("banExpiresAt", BAN_EXPIRY.format(Instant.ofEpochMilli(b.untilMillis()))));
    }
    return new JsonObject().put("bannedUsers", users);
  }

  private JsonObject connectionStatus(JsonObject body) {
    String userId = userId(body, "userId");
    return new JsonObject().put("status", endpoint.online(userId) ? "1" : "0");
  }

  private JsonObject softDelete(JsonObject body) {
    for (String u : userIds(body, MAX_OPERATION_USER_IDS)) {
      accounts.softDelete(u);
      endpoint.cutUser(u, EmulatorCodes.USER_ABANDONED, "user deactivated");
    }
    return operation();
  }

  private JsonObject restore(JsonObject body) {
    userIds(body, MAX_OPERATION_USER_IDS).forEach(accounts::restore);
    return operation();
  }

  /** {@code UserOperationResponse.result}: the service names each soft-delete and restore. */
  private JsonObject operation() {
    return new JsonObject().put("operationId", "op-" + operations.incrementAndGet());
  }

  /**
   * DirectChannelMessageSendRequest: delivers to each recipient's live session that negotiated
   * messages; the result names one message id per recipient (UserMessageSendResponse). A {@code
   * content} that is a JSON object with integer {@code seq} and {@code sentAt} (the prober's own
   * payload) carries them into the {@code deliver} frame; any other content delivers seq 0 and the
   * server's time.
   */
  private JsonObject sendDirect(JsonObject body) {
    String from = userId(body, "fromUserId");
    List<String> to = ServerApiRequests.userIds(body, "toUserIds", MAX_MESSAGE_RECIPIENTS);
    String type = requiredString(body, "messageType");
    if (type.length() > MAX_MESSAGE_TYPE_CHARS || type.startsWith("RC:")) {
      throw ApiError.badParameter(
          "messageType must be at most 32 characters; custom types must not start with RC:");
    }
    String content = requiredString(body, "content");
    long seq = 0;
    long sentAt = clock.millis();
    try {
      JsonObject payload = new JsonObject(content);
      if (payload.getValue("seq") instanceof Number n
          && payload.getValue("sentAt") instanceof Number t) {
        seq = n.longValue();
        sentAt = t.longValue();
      }
    } catch (RuntimeException notJson) {
      // content is free text for other message types: no seq, the server's send time
    }
    JsonArray ids = new JsonArray();
    for (String user : to) {
      String id = endpoint.deliver(from, user, seq, sentAt);
      // offline recipients get an id too (the service stores the message); the emulator keeps
      // no history, so nothing is delivered to them later
      ids.add(
          new JsonObject()
              .put("userId", user)
              .put("messageId", id == null ? java.util.UUID.randomUUID().toString() : id));
    }
    return new JsonObject().put("messageIds", ids);
  }
}
