package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo serves both ingest endpoints with credentials generated in memory; an in-process client
 * (the fleet simulator) reads them through {@link Demo#env()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemoIngestIT {
  @Test
  void demoCredentialsOpenBothEndpointsAndNothingElseDoes() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Demo demo = Demo.start(vertx, 1).await(30, TimeUnit.SECONDS);
      ExporterApp app =
          ExporterApp.start(vertx, demo.config().withHttpPort(0), demo.env())
              .await(30, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + app.httpPort();
      String key = demo.env().apply(Demo.INGEST_KEY_VARIABLE);
      String secret = demo.env().apply(Demo.WEBHOOK_SECRET_VARIABLE);
      assertThat(key).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(secret);

      String batch =
          "{\"batchId\":\"demo-1\",\"app\":{\"platform\":\"web\",\"appVersion\":\"1.0.0\"},"
              + "\"events\":[{\"type\":\"status\",\"at\":"
              + System.currentTimeMillis()
              + ",\"status\":\"SUSPEND\"}]}";
      assertThat(post(base + "/api/v1/events", batch, "Authorization", "Bearer " + key))
          .isEqualTo(202);
      assertThat(post(base + "/api/v1/events", batch, "Authorization", "Bearer " + secret))
          .isEqualTo(401);
      String hook =
          "{\"type\":\"user:connection_status\",\"id\":\"d1\",\"time\":1,"
              + "\"data\":[{\"userId\":\"u\",\"status\":\"1\",\"os\":\"iOS\",\"time\":1}]}";
      assertThat(post(base + "/api/v1/webhooks/nexconn", hook, "X-Nexconn-Webhook-Secret", secret))
          .isEqualTo(200);
      app.stop().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  static int post(String url, String body, String header, String value) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header(header, value)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
