package dev.nexconn.exporter.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.support.ContractCheckingProxy;
import dev.nexconn.exporter.support.NoBlockedThreads;
import dev.nexconn.exporter.support.WebhookTestReceiver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP token providers against a fake app server and the emulator's Server API. */
@ExtendWith(NoBlockedThreads.class)
class TokenProvidersIT {
  private final Vertx vertx = Vertx.vertx();
  private final WebClient client = WebClient.create(vertx);

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void theAppServerEndpointIsAskedWithTheUserAndTheRefreshFlag() throws Exception {
    WebhookTestReceiver appServer =
        new WebhookTestReceiver(vertx, 200, "{\"token\":\"from-app-server\"}");
    AppServerTokenProvider p =
        new AppServerTokenProvider(client, URI.create(appServer.url("/token")));
    assertThat(p.token("alice", true).await(5, TimeUnit.SECONDS)).isEqualTo("from-app-server");
    assertThat(appServer.received())
        .extracting(WebhookTestReceiver.Received::body)
        .containsExactly(new JsonObject().put("userId", "alice").put("refresh", true));
  }

  @Test
  void aTokenServerThatNeverAnswersIsANamedFetchFailureWithinTheTimeout() throws Exception {
    io.vertx.core.http.HttpServer silent =
        vertx
            .createHttpServer()
            .requestHandler(request -> {}) // accepts, reads, never answers
            .listen(0, "127.0.0.1")
            .await(5, TimeUnit.SECONDS);
    AppServerTokenProvider p =
        new AppServerTokenProvider(
            client,
            URI.create("http://127.0.0.1:" + silent.actualPort() + "/token"),
            java.time.Duration.ofMillis(300));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> p.token("alice", false).await(5, TimeUnit.SECONDS))
        .isInstanceOf(TokenFetchException.class)
        .hasMessageContaining("did not answer within 300 ms");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(3000);
  }

  @Test
  void aClosedPortIsARefusedConnectionNamingTheEndpointWithoutCredentials() throws Exception {
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    AppServerTokenProvider app =
        new AppServerTokenProvider(
            client, URI.create("http://user:pass-word@127.0.0.1:" + closed + "/token?key=k-123"));
    assertThatThrownBy(() -> app.token("alice", false).await(5, TimeUnit.SECONDS))
        .isInstanceOf(TokenFetchException.class)
        .hasMessage(
            "app server token endpoint at http://127.0.0.1:%d/token refused the connection:"
                + " check that the token server is up and listening there (token.url)",
            closed);
    ServerApiTokenProvider api =
        new ServerApiTokenProvider(
            client,
            URI.create("http://127.0.0.1:" + closed),
            "key",
            "the-secret",
            Clock.systemUTC(),
            new SplittableRandom(1));
    assertThatThrownBy(() -> api.token("alice", false).await(5, TimeUnit.SECONDS))
        .isInstanceOf(TokenFetchException.class)
        .hasMessageStartingWith(
            "Server API /v4/auth/access-token/issue at http://127.0.0.1:"
                + closed
                + " refused the connection")
        .hasMessageNotContaining("the-secret");
  }

  @Test
  void anAppServerErrorOrEmptyAnswerIsAClearFetchFailure() throws Exception {
    WebhookTestReceiver failing = new WebhookTestReceiver(vertx, 500, "oops");
    AppServerTokenProvider p =
        new AppServerTokenProvider(client, URI.create(failing.url("/token")));
    assertThatThrownBy(() -> p.token("alice", false).await(5, TimeUnit.SECONDS))
        .isInstanceOf(TokenFetchException.class)
        .hasMessageContaining("answered HTTP 500");
    WebhookTestReceiver empty = new WebhookTestReceiver(vertx, 200, "{}");
    AppServerTokenProvider q = new AppServerTokenProvider(client, URI.create(empty.url("/token")));
    assertThatThrownBy(() -> q.token("alice", false).await(5, TimeUnit.SECONDS))
        .hasMessageContaining("no 'token' field");
  }

  @Test
  void theServerApiIssuesATokenAndAWrongSecretIsNamedWithoutTheSecret() throws Exception {
    EmulatorVerticle emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, "key", "right-secret"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(5, TimeUnit.SECONDS);
    // Through a proxy that checks what the provider sends and what the emulator answers against
    // the vendor's definition.
    ContractCheckingProxy proxy = ContractCheckingProxy.start(vertx, emulator.port());
    URI base = proxy.url();
    ServerApiTokenProvider good =
        new ServerApiTokenProvider(
            client, base, "key", "right-secret", Clock.systemUTC(), new SplittableRandom(1));
    assertThat(good.token("alice", false).await(5, TimeUnit.SECONDS)).endsWith("@nx");
    ServerApiTokenProvider bad =
        new ServerApiTokenProvider(
            client, base, "key", "wrong-secret", Clock.systemUTC(), new SplittableRandom(1));
    assertThatThrownBy(() -> bad.token("alice", false).await(5, TimeUnit.SECONDS))
        .isInstanceOf(TokenFetchException.class)
        .hasMessageContaining("HTTP 401, code 1004")
        .hasMessageContaining("check the App Key and App Secret")
        .hasMessageNotContaining("wrong-secret");
    assertThat(proxy.problems()).isEmpty();
    assertThat(proxy.exchanges()).isEqualTo(2);
  }

  @Test
  void theContractProxyCatchesARequestThatDriftsFromTheDefinition() throws Exception {
    EmulatorVerticle emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, "key", "secret"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(5, TimeUnit.SECONDS);
    ContractCheckingProxy proxy = ContractCheckingProxy.start(vertx, emulator.port());
    // No name (required by AccessTokenIssueRequest), a seconds Timestamp, RC- prefixed headers.
    client
        .postAbs(proxy.url() + "/v4/auth/access-token/issue")
        .putHeader("RC-App-Key", "key")
        .putHeader("App-Key", "key")
        .putHeader("Nonce", "n1")
        .putHeader("Timestamp", "1764316800")
        .putHeader("Signature", ServerApiSignature.sign("secret", "n1", "1764316800"))
        .sendJsonObject(new JsonObject().put("userId", "alice"))
        .await(5, TimeUnit.SECONDS);
    assertThat(proxy.problems())
        .anySatisfy(p -> assertThat(p).contains("RC-App-Key"))
        .anySatisfy(p -> assertThat(p).contains("the request of /v4/auth/access-token/issue"));
  }

  private String refusal(int status, String body) {
    WebhookTestReceiver api = new WebhookTestReceiver(vertx, status, body);
    ServerApiTokenProvider p =
        new ServerApiTokenProvider(
            client,
            URI.create(api.url("")),
            "key",
            "s3cret",
            Clock.systemUTC(),
            new SplittableRandom(2));
    Throwable failure =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> p.token("alice", false).await(5, TimeUnit.SECONDS));
    assertThat(failure).isInstanceOf(TokenFetchException.class);
    assertThat(api.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("/v4/auth/access-token/issue");
              assertThat(r.body())
                  .isEqualTo(new JsonObject().put("userId", "alice").put("name", "alice"));
            });
    return failure.getMessage();
  }

  @Test
  void aServerApiErrorBodyIsReadAsTheGeneratedClientsReadIt() {
    assertThat(refusal(400, "{\"code\":1002,\"errorMessage\":\"userId is required\"}"))
        .contains("HTTP 400, code 1002 (bad parameter): \"userId is required\"");
    assertThat(refusal(429, "{\"code\":1008,\"errorMessage\":\"too many requests\"}"))
        .contains("HTTP 429, code 1008 (rate limited")
        .contains("too many requests");
    // A business error may also travel with HTTP 200.
    assertThat(refusal(200, "{\"code\":1009,\"errorMessage\":\"not enabled\"}"))
        .contains("HTTP 200, code 1009 (service not enabled");
    // An echoed secret is masked; a runaway message is cut short; control characters go.
    String echoed =
        refusal(401, "{\"code\":1004,\"errorMessage\":\"bad s3cret\\n" + "x".repeat(500) + "\"}");
    assertThat(echoed)
        .doesNotContain("s3cret")
        .doesNotContain("\n")
        .contains("bad ***")
        .hasSizeLessThan(400);
  }

  @Test
  void anAnswerThatIsNotAServerApiAnswerIsNamedAsSuch() {
    assertThat(refusal(200, "{\"code\":\"0\",\"result\":{\"accessToken\":\"t\"}}"))
        .contains("without an integer 'code' field");
    assertThat(refusal(502, "<html>bad gateway</html>")).contains("HTTP 502 without a JSON object");
    assertThat(refusal(200, "{\"code\":0,\"result\":{\"accessToken\":7}}"))
        .contains("without a string result.accessToken");
  }

  /**
   * A token storm against a slow token server: far more fetches at once than it answers within the
   * fetch timeout. The ones that time out fail as named fetch failures, and once the storm is over
   * every fetch is answered again: a storm leaves the client's connections usable.
   */
  @Test
  void fetchesThatTimeOutInAStormLeaveTheClientAbleToFetchAfterIt() throws Exception {
    HttpServer slow =
        vertx
            .createHttpServer()
            .requestHandler(
                r ->
                    vertx.setTimer(
                        1 + (long) (Math.random() * 30),
                        t ->
                            r.response()
                                .putHeader("Content-Type", "application/json")
                                .end("{\"token\":\"t\"}")))
            .listen(0, "127.0.0.1")
            .await(5, TimeUnit.SECONDS);
    AppServerTokenProvider p =
        new AppServerTokenProvider(
            client,
            URI.create("http://127.0.0.1:" + slow.actualPort() + "/token"),
            Duration.ofMillis(300));
    List<Future<String>> storm = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      storm.add(p.token("u" + i, false));
    }
    int ok = 0;
    int timedOut = 0;
    for (Future<String> f : storm) {
      try {
        f.await(10, TimeUnit.SECONDS);
        ok++;
      } catch (TokenFetchException e) {
        assertThat(e).hasMessageContaining("did not answer within 300 ms");
        timedOut++;
      }
    }
    assertThat(ok + timedOut).isEqualTo(3000);
    assertThat(timedOut).as("the storm overloads the server").isPositive();
    for (int i = 0; i < 30; i++) {
      assertThat(p.token("after" + i, false).await(5, TimeUnit.SECONDS))
          .as("fetch %d after the storm (%d answered, %d timed out in it)", i, ok, timedOut)
          .isEqualTo("t");
    }
  }
}
