package dev.nexconn.exporter.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token storm against a slow token server: far more fetches at once than the server answers
 * within the fetch timeout. The ones that time out fail as named fetch failures, and once the storm
 * is over every fetch is answered again: a storm leaves the client's connections usable.
 */
class TokenFetchStormIT {
  private final Vertx vertx = Vertx.vertx();
  private final WebClient client = WebClient.create(vertx);

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

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
