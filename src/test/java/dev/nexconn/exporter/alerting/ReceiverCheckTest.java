package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.AlertReceiverConfig;
import dev.nexconn.exporter.support.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReceiverCheckTest {
  @Test
  void readyUrlsKeepAPathPrefixAndLogsHideCredentials() {
    assertThat(ReceiverCheck.ready(URI.create("http://am:9093")))
        .hasToString("http://am:9093/-/ready");
    assertThat(ReceiverCheck.ready(URI.create("http://am/alertmanager/")))
        .hasToString("http://am/alertmanager/-/ready");
    assertThat(ReceiverCheck.shown(URI.create("https://user:s3cret@am:9093/x?token=t")))
        .isEqualTo("https://am:9093/x");
  }

  @Test
  void eachAlertmanagerIsAskedOnceAtStartAndAnUnreachableOneIsAWarningNamingIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (LogCapture logs = LogCapture.start()) {
      AtomicInteger readies = new AtomicInteger();
      AtomicReference<String> path = new AtomicReference<>();
      HttpServer am =
          vertx
              .createHttpServer()
              .requestHandler(
                  req -> {
                    path.set(req.method() + " " + req.path());
                    readies.incrementAndGet();
                    req.response().end("OK");
                  })
              .listen(0, "127.0.0.1")
              .await(5, TimeUnit.SECONDS);
      int closed;
      try (ServerSocket s = new ServerSocket(0)) {
        closed = s.getLocalPort();
      }
      AlertPayloads payloads =
          new AlertPayloads(Duration.ofMinutes(1), name -> "http://sidecar/" + name);
      ReceiverCheck.run(
          WebClient.create(vertx),
          List.of(
              receiver("up", AlertReceiverConfig.Kind.ALERTMANAGER, am.actualPort()),
              receiver("down", AlertReceiverConfig.Kind.ALERTMANAGER, closed),
              receiver("hook", AlertReceiverConfig.Kind.WEBHOOK, am.actualPort())),
          payloads,
          Duration.ofSeconds(2));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  logs.lines().stream().anyMatch(l -> l.contains("alertmanager_unreachable"))
                      && logs.lines().stream().anyMatch(l -> l.contains("alertmanager_ready")));
      assertThat(readies).as("the webhook is not asked").hasValue(1);
      assertThat(path.get()).isEqualTo("GET /-/ready");
      assertThat(logs.lines())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("WARN")
                      .contains("receiver=\"down\"")
                      .contains("url=\"http://127.0.0.1:" + closed + "\"")
                      .contains("fix="));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static AlertReceiverConfig receiver(
      String name, AlertReceiverConfig.Kind kind, int port) {
    return new AlertReceiverConfig(
        name, kind, URI.create("http://127.0.0.1:" + port), false, Duration.ofSeconds(30));
  }
}
