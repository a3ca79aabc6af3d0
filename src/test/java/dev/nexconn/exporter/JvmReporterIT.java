package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.support.ExporterJarProcess;
import dev.nexconn.exporter.support.JvmReporterClient;
import dev.nexconn.exporter.support.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM reporter ({@code clients/jvm}, compiled with {@code javac --release 8}) against the real
 * sidecar jar: the SDK-callback API, the sidecar going down and coming back on the same port
 * (nothing lost within the queue bound, nothing counted twice: {@code /metrics} equals what was
 * sent), the queue bound dropping and counting, and 429 with {@code Retry-After}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JvmReporterIT {
  static final String KEY = "jvm-reporter-key-0123456789abcdef";
  static final String T = "nexconn_connection_status_transitions_total";
  static final String EVENTS = "nexconn_ingest_events_total";
  final HttpClient http = HttpClient.newHttpClient();

  Path config(Path dir, String rateLimit) throws Exception {
    Path keys = Files.writeString(dir.resolve("api-keys"), KEY + "\n");
    return Files.writeString(
        dir.resolve("config-" + rateLimit.hashCode() + ".yaml"),
        "http: {host: 127.0.0.1, port: 0}\ningest:\n  apiKeysFile: "
            + keys
            + "\n  rateLimit: "
            + rateLimit
            + "\n");
  }

  String metrics(ExporterJarProcess jar) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(jar.baseUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static double v(String text, String name, String... labels) {
    return PrometheusText.value(text, name, labels);
  }

  @Test
  void sidecarDownAndBackLosesNothingWithinTheBoundAndCountsNothingTwice(@TempDir Path dir)
      throws Exception {
    ClassLoader loader = JvmReporterClient.compile(Files.createDirectories(dir.resolve("classes")));
    assertThat(JvmReporterClient.buildError(loader, "ftp://x", "short", "web"))
        .contains("endpoint:")
        .contains("apiKey:")
        .contains("platform: android, ios or flutter");
    Path cfg = config(dir, "{batchesPerSecond: 100, burst: 200}");
    ExporterJarProcess first = ExporterJarProcess.start("--config", cfg.toString());
    String port = first.baseUrl().substring(first.baseUrl().lastIndexOf(':') + 1);
    String endpoint = first.baseUrl() + "/api/v1/events";
    try (JvmReporterClient r = JvmReporterClient.create(loader, endpoint, KEY, 10, 50)) {
      // Up: a connect that is kicked, a recreated database, a token refresh.
      r.statusChanged(1, 0); // CONNECTING
      r.statusChanged(0, 0); // CONNECTED
      r.databaseOpened(true, 0);
      r.statusChanged(3, 31010); // KICKED
      r.tokenRefreshed(true);
      await().atMost(Duration.ofSeconds(15)).until(() -> r.stats().get("sentEvents") == 5);
      String m1 = metrics(first);
      assertThat(v(m1, EVENTS, "endpoint", "events", "outcome", "accepted")).isEqualTo(5);
      assertThat(
              v(
                  m1,
                  T,
                  "source",
                  "sdk",
                  "platform",
                  "android",
                  "from",
                  "connected",
                  "to",
                  "kicked_offline_by_other_client"))
          .isEqualTo(1);
      assertThat(
              v(
                  m1,
                  "nexconn_database_opened_total",
                  "source",
                  "sdk",
                  "recreated",
                  "true",
                  "app_version",
                  "jvm-it-1"))
          .isEqualTo(1);
      assertThat(v(m1, "nexconn_token_refreshes_total", "source", "sdk", "outcome", "success"))
          .isEqualTo(1);

      // Down: 40 events (within the bound of 50 + one batch in flight) wait and are retried.
      assertThat(first.terminate()).isZero();
      for (int i = 0; i < 20; i++) {
        r.statusChanged(1, 0);
        r.statusChanged(6, 31011); // CONN_USER_BLOCKED: banned
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> r.stats().get("retries") >= 3);
      assertThat(r.stats().get("dropped")).isZero();

      try (ExporterJarProcess second =
          ExporterJarProcess.start("--config", cfg.toString(), "--http-port", port)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> r.stats().get("queued") == 0);
        String m2 = metrics(second);
        assertThat(v(m2, EVENTS, "endpoint", "events", "outcome", "accepted")).isEqualTo(40);
        assertThat(v(m2, "nexconn_ingest_batches_total", "outcome", "duplicate")).isZero();
        assertThat(v(m2, T, "source", "sdk", "platform", "android", "to", "disconn_exception"))
            .isEqualTo(20);
        assertThat(v(m2, T, "source", "sdk", "platform", "android", "to", "connecting"))
            .isEqualTo(20);
        assertThat(r.stats()).containsEntry("sentEvents", 45L).containsEntry("dropped", 0L);

        // Down again with more than the bound: the oldest beyond it are dropped and counted,
        // everything else arrives exactly once.
        assertThat(second.terminate()).isZero();
        for (int i = 0; i < 80; i++) {
          r.statusChanged(i % 2 == 0 ? 1 : 0, 0);
        }
        long dropped = r.stats().get("dropped");
        assertThat(dropped).isBetween(20L, 30L); // 80 - 50 waiting - the batch in flight (<= 10)
        try (ExporterJarProcess third =
            ExporterJarProcess.start("--config", cfg.toString(), "--http-port", port)) {
          await().atMost(Duration.ofSeconds(30)).until(() -> r.stats().get("queued") == 0);
          String m3 = metrics(third);
          assertThat(v(m3, EVENTS, "endpoint", "events", "outcome", "accepted"))
              .isEqualTo(80 - dropped);
          assertThat(v(m3, "nexconn_ingest_batches_total", "outcome", "duplicate")).isZero();
          assertThat(r.stats().get("sentEvents")).isEqualTo(45 + 80 - dropped);
          // The reporter told the sidecar about its drops, in the next batch's dropped field.
          assertThat(v(m3, "nexconn_ingest_reporter_dropped_events_total", "endpoint", "events"))
              .isEqualTo(dropped);
        }
      }
    } finally {
      first.close();
    }
  }

  @Test
  void rateLimitedBatchesWaitRetryAfterAndAreCountedOnce(@TempDir Path dir) throws Exception {
    ClassLoader loader = JvmReporterClient.compile(Files.createDirectories(dir.resolve("classes")));
    Path cfg = config(dir, "{batchesPerSecond: 1, burst: 1}");
    try (ExporterJarProcess jar = ExporterJarProcess.start("--config", cfg.toString());
        JvmReporterClient r =
            JvmReporterClient.create(loader, jar.baseUrl() + "/api/v1/events", KEY, 1, 50)) {
      long t0 = System.nanoTime();
      r.statusChanged(1, 0);
      r.statusChanged(0, 0);
      r.statusChanged(2, 31020); // UNCONNECTED + token expired
      await().atMost(Duration.ofSeconds(20)).until(() -> r.stats().get("sentEvents") == 3);
      long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
      String m = metrics(jar);
      long limited = r.stats().get("rateLimited");
      assertThat(limited).isPositive();
      assertThat(elapsedMs).as("three batches at 1/s take about 2 s").isGreaterThanOrEqualTo(1800);
      assertThat(v(m, "nexconn_ingest_batches_total", "reason", "rate_limited")).isEqualTo(limited);
      assertThat(v(m, "nexconn_ingest_batches_total", "outcome", "accepted")).isEqualTo(3);
      assertThat(v(m, EVENTS, "endpoint", "events", "outcome", "accepted")).isEqualTo(3);
      assertThat(v(m, "nexconn_token_failures_total", "source", "sdk", "reason", "expired"))
          .isEqualTo(1);
    }
  }
}
