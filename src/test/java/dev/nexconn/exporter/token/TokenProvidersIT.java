package dev.nexconn.exporter.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.support.WebhookTestReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.util.SplittableRandom;
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
