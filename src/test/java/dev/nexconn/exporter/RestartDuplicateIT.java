package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ExporterJarProcess;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, "a restart forgets batch ids": the jar accepts 50 batches, is killed with SIGKILL (no
 * shutdown hook), starts again on the same data directory, and the app's retry of every one of
 * those batches is answered {@code duplicate: true} and counted nowhere but as a duplicate.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RestartDuplicateIT {
  static final String KEY = "restart-key-0123456789abcdef";
  final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aRetryAcrossASigkillIsADuplicate(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("api-keys");
    Files.writeString(keys, KEY + "\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        "http: {host: 127.0.0.1, port: 0}\n"
            + "ingest:\n"
            + "  apiKeysFile: "
            + keys
            + "\n"
            + "  rateLimit: {batchesPerSecond: 1000, burst: 1000}\n"
            + "  idempotency: {file: "
            + dir.resolve("ingest-window")
            + "}\n");
    ExporterJarProcess first = ExporterJarProcess.start("run", "--config", config.toString());
    for (int i = 0; i < 50; i++) {
      JsonObject r = post(first.baseUrl(), "restart-" + i);
      assertThat(r.getBoolean("duplicate")).isFalse();
      assertThat(r.getInteger("accepted")).isEqualTo(2);
    }
    first.kill();
    try (ExporterJarProcess second =
        ExporterJarProcess.start("run", "--config", config.toString())) {
      for (int i = 0; i < 50; i++) {
        JsonObject r = post(second.baseUrl(), "restart-" + i);
        assertThat(r.getBoolean("duplicate")).as("retry of restart-" + i).isTrue();
        assertThat(r.getInteger("accepted")).isEqualTo(2);
      }
      String metrics = get(second.baseUrl() + "/metrics");
      assertThat(
              PrometheusText.value(
                  metrics,
                  "nexconn_ingest_batches_total",
                  "endpoint",
                  "events",
                  "outcome",
                  "duplicate"))
          .isEqualTo(50);
      assertThat(
              PrometheusText.value(
                  metrics,
                  "nexconn_ingest_events_total",
                  "endpoint",
                  "events",
                  "outcome",
                  "accepted"))
          .isZero();
      assertThat(second.output()).contains("event=idempotency_window_restored");
      // A new batch after the restart is still a new batch.
      assertThat(post(second.baseUrl(), "after-restart").getBoolean("duplicate")).isFalse();
    }
  }

  JsonObject post(String base, String id) throws Exception {
    long now = System.currentTimeMillis();
    String body =
        "{\"batchId\":\""
            + id
            + "\",\"app\":{\"platform\":\"ios\",\"appVersion\":\"1.0.0\"},\"events\":["
            + "{\"type\":\"status\",\"at\":"
            + now
            + ",\"status\":0},{\"type\":\"status\",\"at\":"
            + now
            + ",\"status\":16,\"errorCode\":31011}]}";
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return new JsonObject(r.body());
  }

  String get(String url) throws Exception {
    return client
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
