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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, configured with an API keys file and a webhook secret file: a posted SDK batch and
 * a presence webhook move the documented series on {@code /metrics} by exactly the posted amounts,
 * and a retry moves nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IngestEndToEndIT {
  static final String KEY = "e2e-key-0123456789abcdef";
  static final String SECRET = "e2e-webhook-secret-0123456789";
  final HttpClient client = HttpClient.newHttpClient();

  String get(String url) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  HttpResponse<String> post(String url, String body, String... headers) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .headers(headers)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String androidBatch(long at) {
    String e = "{'type':'status','at':" + at + ",";
    return ("{'batchId':'e2e-1','app':{'platform':'android','appVersion':'5.2.1',"
            + "'sdkVersion':'5.10.0'},'events':["
            + e
            + "'status':1},"
            + e
            + "'status':3,'errorCode':31010},"
            + e
            + "'status':'KICKED'},"
            + e
            + "'status':6,'errorCode':31011},"
            + e
            + "'status':2,'errorCode':31020},"
            + "{'type':'database_opened','at':"
            + at
            + ",'isRecreated':true,'errorCode':0},"
            + "{'type':'reconnect','at':"
            + at
            + ",'attempt':1},"
            + e
            + "'status':77}]}")
        .replace('\'', '"');
  }

  static String webhook() {
    String item =
        "{'userId':'u-%d','status':'%s','os':'%s','time':1,'clientIp':'10.1.1.1',"
            + "'sessionId':'s'}";
    return ("{'type':'user:connection_status','id':'env-1','time':1,'data':["
            + String.format(item, 1, "0", "iOS")
            + ","
            + String.format(item, 2, "1", "Android")
            + ","
            + String.format(item, 3, "2", "Android")
            + "]}")
        .replace('\'', '"');
  }

  static double v(String text, String name, String... labels) {
    return PrometheusText.value(text, name, labels);
  }

  @Test
  void aPostedBatchMovesTheDocumentedSeriesByExactlyThePostedAmounts(@TempDir Path dir)
      throws Exception {
    Path keys = Files.writeString(dir.resolve("api-keys"), "# rotated 2026-11\n" + KEY + "\n");
    Path secret = Files.writeString(dir.resolve("webhook-secret"), SECRET + "\n");
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            "http: {host: 127.0.0.1, port: 0}\ningest:\n  apiKeysFile: "
                + keys
                + "\n  webhook: {secretFile: "
                + secret
                + "}\n");
    try (ExporterJarProcess jar =
        ExporterJarProcess.start("--config", config.toString(), "--http-port", "0")) {
      String base = jar.baseUrl();
      String before = get(base + "/metrics");

      HttpResponse<String> r =
          post(
              base + "/api/v1/events",
              androidBatch(Instant.now().toEpochMilli()),
              "Authorization",
              "Bearer " + KEY,
              "Content-Type",
              "application/json");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonObject body = new JsonObject(r.body());
      assertThat(body.getInteger("accepted")).isEqualTo(7);
      assertThat(body.getInteger("rejected")).isEqualTo(1);
      HttpResponse<String> hook =
          post(
              base + "/api/v1/webhooks/nexconn",
              webhook(),
              "X-Nexconn-Webhook-Secret",
              SECRET,
              "Content-Type",
              "application/json");
      assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
      String after = get(base + "/metrics");

      String t = "nexconn_connection_status_transitions_total";
      assertThat(delta(before, after, t, "source", "sdk", "platform", "android")).isEqualTo(5);
      assertThat(
              delta(
                  before,
                  after,
                  t,
                  "source",
                  "sdk",
                  "to",
                  "kicked_offline_by_other_client",
                  "from",
                  "connecting"))
          .isEqualTo(1);
      assertThat(
              delta(
                  before,
                  after,
                  t,
                  "source",
                  "sdk",
                  "to",
                  "kicked_offline_by_other_client",
                  "from",
                  "kicked_offline_by_other_client"))
          .isEqualTo(1);
      assertThat(delta(before, after, t, "source", "sdk", "to", "disconn_exception")).isEqualTo(1);
      assertThat(delta(before, after, t, "source", "sdk", "to", "token_incorrect")).isEqualTo(1);
      assertThat(
              delta(
                  before,
                  after,
                  "nexconn_sdk_status_reports_total",
                  "platform",
                  "android",
                  "app_version",
                  "5.2.1",
                  "status",
                  "kicked_offline_by_other_client"))
          .isEqualTo(2);
      assertThat(
              delta(
                  before,
                  after,
                  "nexconn_token_failures_total",
                  "source",
                  "sdk",
                  "reason",
                  "expired"))
          .isEqualTo(1);
      assertThat(
              delta(
                  before,
                  after,
                  "nexconn_database_opened_total",
                  "source",
                  "sdk",
                  "recreated",
                  "true",
                  "app_version",
                  "5.2.1"))
          .isEqualTo(1);
      assertThat(delta(before, after, "nexconn_reconnect_attempts_total", "source", "sdk"))
          .isEqualTo(1);
      assertThat(
              delta(
                  before,
                  after,
                  "nexconn_presence_changes_total",
                  "os",
                  "android",
                  "presence",
                  "logged_out"))
          .isEqualTo(1);
      assertThat(delta(before, after, "nexconn_presence_changes_total")).isEqualTo(3);
      assertThat(
              delta(
                  before,
                  after,
                  "nexconn_ingest_events_total",
                  "endpoint",
                  "events",
                  "outcome",
                  "accepted"))
          .isEqualTo(7);
      assertThat(
              delta(
                  before,
                  after,
                  "nexconn_ingest_events_total",
                  "endpoint",
                  "events",
                  "reason",
                  "unknown_status"))
          .isEqualTo(1);
      assertThat(after).doesNotContain("u-1", "10.1.1.1", KEY, SECRET);
      assertThat(r.body() + hook.body()).doesNotContain(KEY, SECRET);

      HttpResponse<String> retry =
          post(
              base + "/api/v1/events",
              androidBatch(Instant.now().toEpochMilli()),
              "Authorization",
              "Bearer " + KEY,
              "Content-Type",
              "application/json");
      assertThat(new JsonObject(retry.body()).getBoolean("duplicate")).isTrue();
      String afterRetry = get(base + "/metrics");
      assertThat(delta(after, afterRetry, t, "source", "sdk")).isZero();
      assertThat(
              delta(
                  after,
                  afterRetry,
                  "nexconn_ingest_batches_total",
                  "endpoint",
                  "events",
                  "outcome",
                  "duplicate"))
          .isEqualTo(1);

      JsonObject summary = new JsonObject(get(base + "/api/v1/summary"));
      assertThat(
              summary
                  .getJsonObject("statuses")
                  .getJsonObject("sdk")
                  .getLong("kicked_offline_by_other_client"))
          .isEqualTo(2);
      assertThat(summary.getJsonObject("presence").getLong("logged_out")).isEqualTo(1);
      assertThat(jar.output()).doesNotContain(KEY, SECRET);
    }
  }

  /**
   * How much a series moved. It must exist afterwards; before the batch a series that is created on
   * its first event may be absent, which is a start from zero.
   */
  static double delta(String before, String after, String name, String... labels) {
    double from = PrometheusText.has(before, name, labels) ? v(before, name, labels) : 0;
    return v(after, name, labels) - from;
  }
}
