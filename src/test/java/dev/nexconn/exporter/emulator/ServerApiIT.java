package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ManualClock;
import dev.nexconn.exporter.support.ProtocolTestClient;
import dev.nexconn.exporter.support.SignedApiClient;
import dev.nexconn.exporter.support.SignedApiClient.Reply;
import dev.nexconn.exporter.transport.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server API v4 of the emulator over real HTTP: each endpoint's success and each error. Every
 * answer goes through {@link SignedApiClient}, which checks it against the vendor's definition.
 */
class ServerApiIT {
  private static final String KEY = "test-app-key";
  private static final String SECRET = "test-app-secret";

  private Vertx vertx;
  private ManualClock clock;
  private EmulatorVerticle emulator;
  private SignedApiClient api;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    clock = new ManualClock(Instant.parse("2026-11-28T07:00:00Z"));
    emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, KEY, SECRET).withApiRate(50), clock);
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    api = new SignedApiClient(vertx, emulator.port(), KEY, SECRET, clock);
  }

  @AfterEach
  void stop() throws Exception {
    ProtocolTestClient.closeAll();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private ProtocolTestClient connect(String token, String device) {
    return ProtocolTestClient.connect(vertx, emulator.port(), token, device, false, false);
  }

  private static int ackCode(ProtocolTestClient c) {
    return ((Frame.ConnAck) c.next()).code();
  }

  private static JsonObject ids(String... userIds) {
    return new JsonObject().put("userIds", new JsonArray(java.util.List.of((Object[]) userIds)));
  }

  private void assertError(Reply r, int http, int code, String msgPart) {
    assertThat(r.status()).isEqualTo(http);
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.body().getString("errorMessage")).contains(msgPart).doesNotContain(SECRET);
  }

  private static JsonObject user(String userId) {
    return new JsonObject().put("userId", userId).put("name", "User " + userId);
  }

  @Test
  void issueReturnsATokenThatConnects() {
    Reply r = api.post("/v4/auth/access-token/issue", user("u1").put("avatarUrl", "https://a/b"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.code()).isZero();
    assertThat(r.body().getJsonObject("result").getString("userId")).isEqualTo("u1");
    ProtocolTestClient c = connect(r.body().getJsonObject("result").getString("accessToken"), "d1");
    Frame.ConnAck ack = (Frame.ConnAck) c.next();
    assertThat(ack.code()).isZero();
    assertThat(ack.userId()).isEqualTo("u1");
  }

  @Test
  void unknownTokenIsRefusedAsIncorrect() {
    assertThat(ackCode(connect("not-a-token", "d1"))).isEqualTo(EmulatorCodes.TOKEN_INCORRECT);
  }

  @Test
  void issueWithoutUserIdIsABadParameter() {
    assertError(api.post("/v4/auth/access-token/issue", new JsonObject()), 400, 1002, "userId");
  }

  @Test
  void issueWithTooLongUserIdIsTooLong() {
    Reply r = api.post("/v4/auth/access-token/issue", user("x".repeat(65)));
    assertError(r, 400, 1005, "at most 64");
  }

  @Test
  void issueWithoutNameOrWithAWrongTypedAvatarIsABadParameter() {
    assertError(
        api.post("/v4/auth/access-token/issue", new JsonObject().put("userId", "u1")),
        400,
        1002,
        "name is required");
    assertError(
        api.post("/v4/auth/access-token/issue", user("u1").put("avatarUrl", 7)),
        400,
        1002,
        "avatarUrl");
  }

  @Test
  void bodyThatIsNotJsonIsABadParameter() {
    Reply r = api.post("/v4/user/ban/list", new JsonObject());
    assertThat(r.code()).isZero();
    String nonce = "abc";
    String ts = Long.toString(clock.millis());
    Reply bad =
        api.send(
            api.raw("/v4/auth/access-token/issue")
                .putHeader("App-Key", KEY)
                .putHeader("Nonce", nonce)
                .putHeader("Timestamp", ts)
                .putHeader("Signature", SignedApiClient.sign(SECRET, nonce, ts)),
            "[not json");
    assertError(bad, 400, 1002, "JSON object");
  }

  @Test
  void wrongSignatureIs401With1004() {
    String ts = Long.toString(clock.millis());
    Reply r =
        api.send(
            api.raw("/v4/auth/access-token/issue")
                .putHeader("App-Key", KEY)
                .putHeader("Nonce", "n1")
                .putHeader("Timestamp", ts)
                .putHeader("Signature", SignedApiClient.sign("wrong", "n1", ts)),
            "{\"userId\":\"u1\",\"name\":\"u1\"}");
    assertError(r, 401, 1004, "Signature");
  }

  @Test
  void missingHeadersUnknownKeyLongNonceAndStaleTimestampAre1004() {
    assertError(api.send(api.raw("/v4/user/ban/list"), "{}"), 401, 1004, "required");
    String ts = Long.toString(clock.millis());
    String longNonce = "n".repeat(19);
    assertError(
        api.send(
            api.raw("/v4/user/ban/list")
                .putHeader("App-Key", KEY)
                .putHeader("Nonce", longNonce)
                .putHeader("Timestamp", ts)
                .putHeader("Signature", SignedApiClient.sign(SECRET, longNonce, ts)),
            "{}"),
        401,
        1004,
        "Nonce");
    String stale = Long.toString(clock.millis() - Duration.ofMinutes(6).toMillis());
    assertError(
        api.send(
            api.raw("/v4/user/ban/list")
                .putHeader("App-Key", KEY)
                .putHeader("Nonce", "n2")
                .putHeader("Timestamp", stale)
                .putHeader("Signature", SignedApiClient.sign(SECRET, "n2", stale)),
            "{}"),
        401,
        1004,
        "Timestamp");
    assertError(
        api.send(
            api.raw("/v4/user/ban/list")
                .putHeader("App-Key", "other")
                .putHeader("Nonce", "n3")
                .putHeader("Timestamp", ts)
                .putHeader("Signature", SignedApiClient.sign(SECRET, "n3", ts)),
            "{}"),
        401,
        1004,
        "App-Key");
  }

  @Test
  void rcPrefixedHeadersAndSecondTimestampsAreAccepted() {
    String ts = Long.toString(clock.millis() / 1000);
    Reply r =
        api.send(
            api.raw("/v4/user/ban/list")
                .putHeader("RC-App-Key", KEY)
                .putHeader("RC-Nonce", "n4")
                .putHeader("RC-Timestamp", ts)
                .putHeader("RC-Signature", SignedApiClient.sign(SECRET, "n4", ts)),
            "{}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.code()).isZero();
  }

  @Test
  void overTheRateLimitIs429With1008() {
    Reply last = null;
    for (int i = 0; i < 51; i++) {
      last = api.post("/v4/user/connection-status/get", new JsonObject().put("userId", "u" + i));
    }
    assertError(last, 429, 1008, "rate limit");
    clock.advance(Duration.ofSeconds(1));
    assertThat(
            api.post("/v4/user/connection-status/get", new JsonObject().put("userId", "u1")).code())
        .isZero();
  }

  @Test
  void expireRefusesOldTokensAtNextConnectButLeavesLiveConnectionsAlone() {
    String old = api.issue("u1");
    ProtocolTestClient live = connect(old, "d1");
    assertThat(ackCode(live)).isZero();
    clock.advance(Duration.ofMillis(1));
    Reply r = api.post("/v4/auth/access-token/expire", ids("u1").put("expiresAt", clock.millis()));
    assertThat(r.code()).isZero();
    String fresh = api.issue("u1");
    assertThat(ackCode(connect(old, "d2"))).isEqualTo(EmulatorCodes.TOKEN_EXPIRED);
    assertThat(live.isClosed()).isFalse();
    assertThat(ackCode(connect(fresh, "d1"))).isZero();
  }

  @Test
  void expireRejectsMissingOrBadParameters() {
    assertError(
        api.post("/v4/auth/access-token/expire", new JsonObject().put("expiresAt", 1)),
        400,
        1002,
        "userIds");
    assertError(
        api.post("/v4/auth/access-token/expire", ids("u1").put("expiresAt", "soon")),
        400,
        1002,
        "expiresAt");
    assertError(api.post("/v4/auth/access-token/expire", ids("u1")), 400, 1002, "expiresAt");
  }

  @Test
  void banCutsLiveSessionRefusesNewOnesAndLiftsByItself() {
    String token = api.issue("u1");
    ProtocolTestClient live = connect(token, "d1");
    assertThat(ackCode(live)).isZero();
    Reply r = api.post("/v4/user/ban", ids("u1").put("durationMinutes", 10));
    assertThat(r.code()).isZero();
    assertThat(live.next())
        .isInstanceOf(Frame.Disconnect.class)
        .extracting(f -> ((Frame.Disconnect) f).code())
        .isEqualTo(EmulatorCodes.BANNED_WHILE_CONNECTED);
    assertThat(ackCode(connect(token, "d1"))).isEqualTo(EmulatorCodes.USER_BANNED);
    JsonArray list = bannedUsers(new JsonObject());
    assertThat(list).hasSize(1);
    assertThat(list.getJsonObject(0).getString("userId")).isEqualTo("u1");
    // 2026-11-28T07:00:00Z plus 10 minutes, in the definition's date-time string form.
    assertThat(list.getJsonObject(0).getString("banExpiresAt")).isEqualTo("2026-11-28 07:10:00");
    clock.advance(Duration.ofMinutes(10));
    assertThat(ackCode(connect(token, "d1"))).isZero();
    assertThat(bannedUsers(new JsonObject())).isEmpty();
  }

  private JsonArray bannedUsers(JsonObject request) {
    Reply r = api.post("/v4/user/ban/list", request);
    assertThat(r.code()).as(r.body().encode()).isZero();
    return r.body().getJsonObject("result").getJsonArray("bannedUsers");
  }

  @Test
  void theBanListIsPagedByPageAndPageSize() {
    for (int i = 1; i <= 5; i++) {
      api.post("/v4/user/ban", ids("b" + i).put("durationMinutes", i));
    }
    assertThat(bannedUsers(new JsonObject())).hasSize(5);
    JsonArray second = bannedUsers(new JsonObject().put("page", 2).put("pageSize", 2));
    assertThat(second.stream().map(o -> ((JsonObject) o).getString("userId")))
        .containsExactly("b3", "b4");
    assertThat(bannedUsers(new JsonObject().put("page", 4).put("pageSize", 2))).isEmpty();
    assertError(
        api.post("/v4/user/ban/list", new JsonObject().put("pageSize", 0)), 400, 1002, "pageSize");
    assertError(
        api.post("/v4/user/ban/list", new JsonObject().put("page", "2")), 400, 1002, "page");
  }

  @Test
  void banRejectsTooManyUsersAndOutOfRangeDurations() {
    String[] many = IntStream.range(0, 21).mapToObj(i -> "u" + i).toArray(String[]::new);
    assertError(
        api.post("/v4/user/ban", ids(many).put("durationMinutes", 10)), 400, 1002, "at most 20");
    assertError(
        api.post("/v4/user/ban", ids("u1").put("durationMinutes", 43_201)), 400, 1002, "43200");
    assertError(
        api.post("/v4/user/ban", ids("u1").put("durationMinutes", 0)),
        400,
        1002,
        "durationMinutes");
    assertError(api.post("/v4/user/ban", ids("u1")), 400, 1002, "durationMinutes");
    assertError(
        api.post("/v4/user/ban", new JsonObject().put("durationMinutes", 5)), 400, 1002, "userIds");
  }

  @Test
  void unbanLetsTheUserConnectAgain() {
    String token = api.issue("u1");
    api.post("/v4/user/ban", ids("u1").put("durationMinutes", 60));
    assertThat(ackCode(connect(token, "d1"))).isEqualTo(EmulatorCodes.USER_BANNED);
    assertThat(api.post("/v4/user/unban", ids("u1")).code()).isZero();
    assertThat(ackCode(connect(token, "d1"))).isZero();
    assertError(api.post("/v4/user/unban", new JsonObject()), 400, 1002, "userIds");
    assertError(
        api.post("/v4/user/unban", new JsonObject().put("userIds", new JsonArray().add(7))),
        400,
        1002,
        "userIds[0]");
    String[] many = IntStream.range(0, 21).mapToObj(i -> "u" + i).toArray(String[]::new);
    assertError(api.post("/v4/user/unban", ids(many)), 400, 1002, "at most 20");
  }

  @Test
  void connectionStatusSaysOnlineOrOffline() {
    String token = api.issue("u1");
    JsonObject off = new JsonObject().put("userId", "u1");
    assertThat(
            api.post("/v4/user/connection-status/get", off)
                .body()
                .getJsonObject("result")
                .getString("status"))
        .isEqualTo("0");
    ProtocolTestClient c = connect(token, "d1");
    assertThat(ackCode(c)).isZero();
    assertThat(
            api.post("/v4/user/connection-status/get", off)
                .body()
                .getJsonObject("result")
                .getString("status"))
        .isEqualTo("1");
    assertError(api.post("/v4/user/connection-status/get", new JsonObject()), 400, 1002, "userId");
  }

  @Test
  void softDeleteCutsDevicesAndRefusesTokensAndConnectsUntilRestored() {
    String token = api.issue("u1");
    ProtocolTestClient live = connect(token, "d1");
    assertThat(ackCode(live)).isZero();
    Reply deleted = api.post("/v4/user/soft-delete", ids("u1"));
    assertThat(deleted.code()).isZero();
    assertThat(deleted.body().getJsonObject("result").getString("operationId")).isNotBlank();
    assertThat(((Frame.Disconnect) live.next()).code()).isEqualTo(EmulatorCodes.USER_ABANDONED);
    assertThat(ackCode(connect(token, "d1"))).isEqualTo(EmulatorCodes.USER_ABANDONED);
    assertError(api.post("/v4/auth/access-token/issue", user("u1")), 400, 1002, "deactivated");
    assertError(api.post("/v4/user/soft-delete", new JsonObject()), 400, 1002, "userIds");
    Reply restored = api.post("/v4/user/restore", ids("u1"));
    assertThat(restored.code()).isZero();
    assertThat(restored.body().getJsonObject("result").getString("operationId"))
        .isNotEqualTo(deleted.body().getJsonObject("result").getString("operationId"));
    assertThat(ackCode(connect(api.issue("u1"), "d1"))).isZero();
    assertError(api.post("/v4/user/restore", ids("")), 400, 1002, "userIds[0]");
  }

  @Test
  void softDeleteAndRestoreTakeUpToAHundredUsers() {
    String[] hundred = IntStream.range(0, 100).mapToObj(i -> "s" + i).toArray(String[]::new);
    String[] tooMany = IntStream.range(0, 101).mapToObj(i -> "s" + i).toArray(String[]::new);
    assertThat(api.post("/v4/user/soft-delete", ids(hundred)).code()).isZero();
    assertError(api.post("/v4/user/soft-delete", ids(tooMany)), 400, 1002, "at most 100");
    assertThat(api.post("/v4/user/restore", ids(hundred)).code()).isZero();
    assertError(api.post("/v4/user/restore", ids(tooMany)), 400, 1002, "at most 100");
  }

  @Test
  void tokensIssuedTogetherExpireTogetherUnderAnAppLifetime() {
    emulator.control().tokenLifetime(Duration.ofMinutes(30));
    String a = api.issue("a");
    String b = api.issue("b");
    clock.advance(Duration.ofMinutes(29));
    assertThat(ackCode(connect(a, "da"))).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(ackCode(connect(b, "db"))).isEqualTo(EmulatorCodes.TOKEN_EXPIRED);
    assertThat(ackCode(connect(a, "da2"))).isEqualTo(EmulatorCodes.TOKEN_EXPIRED);
    assertThat(ackCode(connect(api.issue("a"), "da3"))).isZero();
  }

  @Test
  void directMessageSendDeliversToTheLiveSessionAndNamesAMessageIdPerRecipient() {
    String token =
        api.post("/v4/auth/access-token/issue", user("p2"))
            .body()
            .getJsonObject("result")
            .getString("accessToken");
    ProtocolTestClient p2 = ProtocolTestClient.open(vertx, emulator.port());
    p2.send(new Frame.Connect(token, false, false, "d2", "probe", java.util.List.of("messages")));
    assertThat(ackCode(p2)).isZero();
    JsonObject request =
        new JsonObject()
            .put("fromUserId", "p1")
            .put("toUserIds", new JsonArray().add("p2").add("offline-user"))
            .put("messageType", "NC:ProbeMsg")
            .put("content", new JsonObject().put("seq", 42).put("sentAt", 1_000L).encode())
            .put("disablePush", true);
    Reply r = api.post("/v4/direct-channel/message/send", request);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.code()).isZero();
    JsonArray ids = r.body().getJsonObject("result").getJsonArray("messageIds");
    assertThat(ids).hasSize(2);
    Frame.Deliver d = (Frame.Deliver) p2.next();
    assertThat(d.from()).isEqualTo("p1");
    assertThat(d.seq()).isEqualTo(42);
    assertThat(d.sentAt()).isEqualTo(1_000L);
    assertThat(ids.getJsonObject(0).getString("userId")).isEqualTo("p2");
    assertThat(ids.getJsonObject(0).getString("messageId")).isEqualTo(d.messageId());
    assertThat(ids.getJsonObject(1).getString("userId")).isEqualTo("offline-user");

    assertError(
        api.post("/v4/direct-channel/message/send", request.copy().put("messageType", "RC:TxtMsg")),
        400,
        1002,
        "messageType");
    assertError(
        api.post(
            "/v4/direct-channel/message/send", request.copy().put("toUserIds", new JsonArray())),
        400,
        1002,
        "toUserIds");
  }
}
