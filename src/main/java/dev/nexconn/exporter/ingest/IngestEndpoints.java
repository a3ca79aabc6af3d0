package dev.nexconn.exporter.ingest;

import dev.nexconn.exporter.config.ConfigException;
import dev.nexconn.exporter.config.IngestConfig;
import dev.nexconn.exporter.event.EventBus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every {@code ingest.*} key but the label limits and the summary takes effect: builds the
 * ingest endpoints from {@link IngestConfig}, reads the API keys and webhook secret (file or
 * environment variable), re-reads secret files every 30 s so that a rotated Kubernetes Secret takes
 * effect without a restart, and registers the ingest self-metrics.
 *
 * <pre>{@code
 * IngestEndpoints ingest = IngestEndpoints.create(vertx, config.ingest(), System::getenv, bus,
 *     registry, clock);
 * ingest.routes(router);
 * }</pre>
 */
public final class IngestEndpoints {
  static final long RELOAD_MILLIS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(IngestEndpoints.class);

  private final SdkReportHandler reports;
  private final PresenceWebhookHandler webhook;
  private final long reloadTimer;
  private final WindowJournal journal;
  private final Vertx vertx;

  private IngestEndpoints(
      Vertx vertx,
      SdkReportHandler reports,
      PresenceWebhookHandler webhook,
      long reloadTimer,
      WindowJournal journal) {
    this.vertx = vertx;
    this.reports = reports;
    this.webhook = webhook;
    this.reloadTimer = reloadTimer;
    this.journal = journal;
  }

  /**
   * Builds the endpoints {@code c} enables.
   *
   * @throws ConfigException naming the key at fault (an unreadable secret file, an unset variable)
   */
  public static IngestEndpoints create(
      Vertx vertx,
      IngestConfig c,
      Function<String, String> env,
      EventBus bus,
      MeterRegistry registry,
      Clock clock) {
    SharedSecrets keys =
        c.sdkIngestEnabled()
            ? load(c.apiKeysFile(), c.apiKeysEnv(), env, "ingest.apiKeysFile", "ingest.apiKeysEnv")
            : null;
    SharedSecrets secrets =
        c.webhookEnabled()
            ? load(
                c.webhookSecretFile(),
                c.webhookSecretEnv(),
                env,
                "ingest.webhook.secretFile",
                "ingest.webhook.secretEnv")
            : null;
    BatchWindow<JsonObject> window =
        new BatchWindow<>(
            c.idempotencyWindow(),
            c.idempotencyMaxBatches(),
            c.idempotencyMaxBytes(),
            JsonBodies::rememberedBytes,
            clock);
    WindowJournal journal = null;
    if (c.idempotencyFile() != null) {
      try {
        journal =
            WindowJournal.attach(c.idempotencyFile(), window, c.idempotencyMaxBatches(), clock);
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(
            "ingest.idempotency.file",
            "cannot read or write "
                + c.idempotencyFile()
                + ": "
                + e.getMessage()
                + "; point it at a writable data volume (e.g. /var/lib/nexconn/ingest-window)");
      }
    }
    IngestMetrics metrics = new IngestMetrics(() -> keys == null ? 0 : keys.size(), window::size);
    metrics.bindTo(registry);
    SdkReportHandler reports =
        keys == null
            ? null
            : new SdkReportHandler(
                keys,
                new RateLimiter(c.batchesPerSecond(), c.burst(), clock),
                window,
                new ReportParser(c.maxEventsPerBatch(), c.maxEventAge(), c.maxClockSkew()),
                bus.publisher(),
                metrics,
                clock,
                System::nanoTime,
                c.maxBodyBytes());
    PresenceWebhookHandler webhook =
        secrets == null
            ? null
            : new PresenceWebhookHandler(
                secrets,
                new RateLimiter(c.webhookEnvelopesPerSecond(), c.webhookBurst(), clock),
                window,
                bus.publisher(),
                metrics,
                clock,
                System::nanoTime,
                c.maxBodyBytes(),
                c.maxEventsPerBatch());
    long timer = -1;
    if (c.apiKeysFile() != null || c.webhookSecretFile() != null) {
      timer =
          vertx.setPeriodic(
              RELOAD_MILLIS,
              id ->
                  vertx
                      .executeBlocking(
                          () -> {
                            reload(keys, c.apiKeysFile(), "ingest.apiKeysFile");
                            reload(secrets, c.webhookSecretFile(), "ingest.webhook.secretFile");
                            return null;
                          },
                          false)
                      .onFailure(
                          e ->
                              LOG.atWarn()
                                  .addKeyValue("event", "secret_reload_failed")
                                  .addKeyValue("error", e.getMessage())
                                  .log()));
    }
    return new IngestEndpoints(vertx, reports, webhook, timer, journal);
  }

  /** Adds the configured ingest routes. */
  public void routes(Router router) {
    if (reports != null) {
      reports.register(router);
    }
    if (webhook != null) {
      webhook.register(router);
    }
  }

  /** Stops re-reading secret files and closes the idempotency window's file. */
  public void close() {
    if (reloadTimer >= 0) {
      vertx.cancelTimer(reloadTimer);
    }
    if (journal != null) {
      journal.close();
    }
  }

  static void reload(SharedSecrets store, Path file, String key) {
    if (store == null || file == null) {
      return;
    }
    try {
      SharedSecrets fresh = SharedSecrets.parse(Files.readString(file), file.toString());
      if (fresh.size() != store.size()) {
        LOG.atInfo()
            .addKeyValue("event", "keys_reloaded")
            .addKeyValue("config_key", key)
            .addKeyValue("keys", fresh.size())
            .log();
      }
      store.replaceWith(fresh);
    } catch (IOException | IllegalArgumentException e) {
      // Keep serving with the keys already loaded; a half-written Secret must not lock apps out.
      LOG.atWarn()
          .addKeyValue("event", "keys_reload_failed")
          .addKeyValue("config_key", key)
          .addKeyValue("error", e.getMessage())
          .log();
    }
  }

  private static SharedSecrets load(
      Path file, String variable, Function<String, String> env, String fileKey, String envKey) {
    try {
      if (file != null) {
        try {
          return SharedSecrets.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
          throw new ConfigException(
              fileKey, "cannot read " + file + ": " + e.getMessage() + "; mount the Secret there");
        }
      }
      String value = env.apply(variable);
      if (value == null || value.isBlank()) {
        throw new ConfigException(
            envKey, "environment variable " + variable + " is not set or empty");
      }
      return SharedSecrets.parse(value, "environment variable " + variable);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file != null ? fileKey : envKey, e.getMessage());
    }
  }
}
