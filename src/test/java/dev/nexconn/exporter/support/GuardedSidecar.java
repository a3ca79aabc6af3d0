package dev.nexconn.exporter.support;

import dev.nexconn.exporter.ExporterApp;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.config.HttpConfig;
import dev.nexconn.exporter.config.IngestConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole sidecar in this JVM on a loopback ephemeral port, with both ingest endpoints enabled
 * and the given listener limits: what the listener and hostile-input tests attack.
 *
 * <pre>{@code
 * try (GuardedSidecar s = GuardedSidecar.start(HttpConfig.Limits.DEFAULT)) { s.port(); }
 * }</pre>
 */
public final class GuardedSidecar implements AutoCloseable {
  public static final String KEY = "hostile-key-0123456789abcdef";
  public static final String SECRET = "hostile-webhook-secret-0123456789";

  private final Vertx vertx;
  private final ExporterApp app;

  private GuardedSidecar(Vertx vertx, ExporterApp app) {
    this.vertx = vertx;
    this.app = app;
  }

  /** Starts with {@code limits} and the default ingest section. */
  public static GuardedSidecar start(HttpConfig.Limits limits) throws Exception {
    return start(limits, IngestConfig.DEFAULT);
  }

  /** Starts with {@code limits} and {@code ingest} (its secrets replaced by test variables). */
  public static GuardedSidecar start(HttpConfig.Limits limits, IngestConfig ingest)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    ExporterConfig config =
        new ExporterConfig(
            new HttpConfig("127.0.0.1", 0, limits),
            null,
            List.of(),
            Duration.ofSeconds(2),
            ingest.withSecretsFromEnv("HOSTILE_KEYS", "HOSTILE_SECRET"),
            null);
    Map<String, String> env = Map.of("HOSTILE_KEYS", KEY, "HOSTILE_SECRET", SECRET);
    ExporterApp app = ExporterApp.start(vertx, config, env::get).await(30, TimeUnit.SECONDS);
    return new GuardedSidecar(vertx, app);
  }

  /** The default ingest section with another rate limit per key and for the webhook. */
  public static IngestConfig ingestWithRate(double batchesPerSecond, int burst) {
    IngestConfig d = IngestConfig.DEFAULT;
    return new IngestConfig(
        d.apiKeysFile(),
        d.apiKeysEnv(),
        d.maxBodyBytes(),
        d.maxEventsPerBatch(),
        batchesPerSecond,
        burst,
        d.idempotencyWindow(),
        d.idempotencyMaxBatches(),
        d.maxEventAge(),
        d.maxClockSkew(),
        d.webhookSecretFile(),
        d.webhookSecretEnv(),
        batchesPerSecond,
        burst,
        d.idempotencyMaxBytes(),
        d.idempotencyFile());
  }

  public int port() {
    return app.httpPort();
  }

  public ExporterApp app() {
    return app;
  }

  /** The value of one series in the registry (summed over matching samples; absent fails). */
  public double metric(String prometheusName, String... labelPairs) {
    String text = app.registry().scrape();
    return PrometheusText.value(text, prometheusName, labelPairs);
  }

  @Override
  public void close() throws Exception {
    app.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
