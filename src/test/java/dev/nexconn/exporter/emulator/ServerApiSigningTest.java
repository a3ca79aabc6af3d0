package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ServerApiContract;
import dev.nexconn.exporter.support.SignedApiClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ServerApiSigningTest {
  private static final String KEY = "test-key";
  private static final String SECRET = "test-secret";
  private static final String ISSUE = "/v4/auth/access-token/issue";
  private WebClient client;
  private int port;
  private ServerApiContract contract;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    EmulatorVerticle emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, KEY, SECRET), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    port = emulator.port();
    client = WebClient.create(vertx);
    contract = ServerApiContract.load(vertx);
  }

  /** Every answer in this test must also match the vendor's definition. */
  private HttpResponse<Buffer> checked(HttpResponse<Buffer> r) {
    contract.assertResponse(ISSUE, r.statusCode(), r.getHeader("Content-Type"), r.body());
    return r;
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aSignedIssueRequestGetsAToken() throws Exception {
    HttpResponse<Buffer> r = issue(signed("n1", now(), SECRET), "alice");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getInteger("code")).isZero();
    assertThat(body.getJsonObject("result").getString("userId")).isEqualTo("alice");
    assertThat(body.getJsonObject("result").getString("accessToken")).isNotBlank();
  }

  @Test
  void rcPrefixedHeadersAreAccepted() throws Exception {
    String ts = now();
    HttpRequest<Buffer> req =
        client
            .post(port, "127.0.0.1", ISSUE)
            .putHeader("RC-App-Key", KEY)
            .putHeader("RC-Nonce", "n2")
            .putHeader("RC-Timestamp", ts)
            .putHeader("RC-Signature", SignedApiClient.sign(SECRET, "n2", ts));
    assertThat(issue(req, "bob").statusCode()).isEqualTo(200);
  }

  @Test
  void aBadSignatureIsHttp401WithCode1004() throws Exception {
    HttpResponse<Buffer> r = issue(signed("n3", now(), "wrong-secret"), "alice");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.bodyAsJsonObject().getInteger("code")).isEqualTo(1004);
    assertThat(r.bodyAsJsonObject().getString("errorMessage")).contains("Signature");
    assertThat(r.bodyAsString()).doesNotContain(SECRET);
  }

  @Test
  void aStaleTimestampOrLongNonceIsRefused() throws Exception {
    String stale = Long.toString(System.currentTimeMillis() - 10 * 60_000);
    assertThat(issue(signed("n4", stale, SECRET), "a").statusCode()).isEqualTo(401);
    assertThat(issue(signed("n".repeat(19), now(), SECRET), "a").statusCode()).isEqualTo(401);
  }

  @Test
  void aMissingUserIdIsCode1002() throws Exception {
    HttpResponse<Buffer> r =
        checked(
            signed("n5", now(), SECRET)
                .sendJsonObject(new JsonObject())
                .await(10, TimeUnit.SECONDS));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getInteger("code")).isEqualTo(1002);
  }

  private HttpRequest<Buffer> signed(String nonce, String ts, String secret) {
    return client
        .post(port, "127.0.0.1", ISSUE)
        .putHeader("App-Key", KEY)
        .putHeader("Nonce", nonce)
        .putHeader("Timestamp", ts)
        .putHeader("Signature", SignedApiClient.sign(secret, nonce, ts));
  }

  private HttpResponse<Buffer> issue(HttpRequest<Buffer> req, String userId) throws Exception {
    return checked(
        req.sendJsonObject(new JsonObject().put("userId", userId).put("name", userId))
            .await(10, TimeUnit.SECONDS));
  }

  private static String now() {
    return Long.toString(System.currentTimeMillis());
  }
}
