package dev.nexconn.exporter.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP token providers against a fake app server and the emulator's Server API. */
class TokenProvidersIT {
  private final Vertx vertx = Vertx.vertx();
  private final WebClient client = WebClient.create(vertx);

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private int appServer(int status, String body, List<JsonObject> requests) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              requests.add(b.toJsonObject());
                              req.response().setStatusCode(status).end(body);
                            }))
            .listen(0, "127.0.0.1")
            .await(5, TimeUnit.SECONDS);
    return server.actualPort();
  }

  @Test
  void theAppServerEndpointIsAskedWithTheUserAndTheRefreshFlag() throws Exception {
    List<JsonObject> requests = new CopyOnWriteArrayList<>();
    int port = appServer(200, "{\"token\":\"from-app-server\"}", requests);
    AppServerTokenProvider p =
        new AppServerTokenProvider(client, URI.create("http://127.0.0.1:" + port + "/token"));
    assertThat(p.token("alice", true).await(5, TimeUnit.SECONDS)).isEqualTo("from-app-server");
    assertThat(requests)
        .containsExactly(new JsonObject().put("userId", "alice").put("refresh", true));
  }

  @Test
  void anAppServerErrorOrEmptyAnswerIsAClearFetchFailure() throws Exception {
    int failing = appServer(500, "oops", new CopyOnWriteArrayList<>());
    AppServerTokenProvider p =
        new AppServerTokenProvider(client, URI.create("http://127.0.0.1:" + failing + "/token"));
    assertThatThrownBy(() -> p.token("alice", false).await(5, TimeUnit.SECONDS))
        .isInstanceOf(TokenFetchException.class)
        .hasMessageContaining("answered HTTP 500");
    int empty = appServer(200, "{}", new CopyOnWriteArrayList<>());
    AppServerTokenProvider q =
        new AppServerTokenProvider(client, URI.create("http://127.0.0.1:" + empty + "/token"));
    assertThatThrownBy(() -> q.token("alice", false).await(5, TimeUnit.SECONDS))
        .hasMessageContaining("no 'token' field");
  }

  @Test
  void theServerApiIssuesATokenAndAWrongSecretIsNamedWithoutTheSecret() throws Exception {
    EmulatorVerticle emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, "key", "right-secret"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(5, TimeUnit.SECONDS);
    URI base = URI.create("http://127.0.0.1:" + emulator.port());
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
  }
}
