package dev.nexconn.exporter.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The event pipeline's inputs: SDK report ingest ({@code POST /api/v1/events}) and the presence
 * webhook ({@code POST /api/v1/webhooks/nexconn}). Secrets are referenced by file or environment
 * variable, never written into the config file. The {@code ingest} section also holds two groups of
 * keys other capabilities own: {@code appVersions} and {@code maxSeriesPerMetric} ({@link
 * LabelLimitsConfig}, the metrics' label limits) and {@code summary} ({@link SummaryConfig}, the
 * HTTP summary); they keep their YAML place and are read into those records.
 *
 * <pre>{@code
 * ingest:
 *   apiKeysFile: /etc/nexconn/ingest/api-keys
 *   webhook:
 *     secretFile: /etc/nexconn/webhook/secret
 * }</pre>
 *
 * @param apiKeysFile a file with one API key per line (a mounted Secret); {@code null} if unset
 * @param apiKeysEnv an environment variable holding keys separated by commas or newlines
 * @param maxBodyBytes largest accepted request body
 * @param maxEventsPerBatch most events in one SDK report batch
 * @param batchesPerSecond sustained batches per second allowed per API key
 * @param burst batches a key may send at once before the rate applies
 * @param idempotencyWindow how long a batch id is remembered
 * @param idempotencyMaxBatches most batch ids remembered at once (oldest forgotten first)
 * @param maxEventAge events older than this are rejected
 * @param maxClockSkew events further than this in the future are rejected
 * @param webhookSecretFile a file holding the presence webhook's shared secret
 * @param webhookSecretEnv an environment variable holding the presence webhook's shared secret
 * @param webhookEnvelopesPerSecond sustained webhook envelopes per second (all senders together)
 * @param webhookBurst envelopes accepted at once before the webhook's rate applies
 * @param idempotencyMaxBytes most estimated bytes the idempotency window holds
 * @param idempotencyFile where the window is written ahead (a data volume); null keeps it in memory
 */
public record IngestConfig(
    Path apiKeysFile,
    String apiKeysEnv,
    long maxBodyBytes,
    int maxEventsPerBatch,
    double batchesPerSecond,
    int burst,
    Duration idempotencyWindow,
    int idempotencyMaxBatches,
    Duration maxEventAge,
    Duration maxClockSkew,
    Path webhookSecretFile,
    String webhookSecretEnv,
    double webhookEnvelopesPerSecond,
    int webhookBurst,
    long idempotencyMaxBytes,
    Path idempotencyFile) {

  /** Defaults: SDK ingest and webhook off (no keys, no secret), limits as documented. */
  public static final IngestConfig DEFAULT =
      new IngestConfig(
          null,
          null,
          256 * 1024,
          500,
          20,
          40,
          Duration.ofMinutes(10),
          100_000,
          Duration.ofDays(7),
          Duration.ofMinutes(5),
          null,
          null,
          200,
          400,
          16L * 1024 * 1024,
          null);

  /** True when API keys are configured, so {@code POST /api/v1/events} is served. */
  public boolean sdkIngestEnabled() {
    return apiKeysFile != null || apiKeysEnv != null;
  }

  /**
   * True when a webhook secret is configured, so {@code POST /api/v1/webhooks/nexconn} is served.
   */
  public boolean webhookEnabled() {
    return webhookSecretFile != null || webhookSecretEnv != null;
  }

  /** The same settings with keys and secret taken from environment variables (the demo's way). */
  public IngestConfig withSecretsFromEnv(String apiKeysVariable, String webhookSecretVariable) {
    return new IngestConfig(
        null,
        apiKeysVariable,
        maxBodyBytes,
        maxEventsPerBatch,
        batchesPerSecond,
        burst,
        idempotencyWindow,
        idempotencyMaxBatches,
        maxEventAge,
        maxClockSkew,
        null,
        webhookSecretVariable,
        webhookEnvelopesPerSecond,
        webhookBurst,
        idempotencyMaxBytes,
        idempotencyFile);
  }

  static IngestConfig from(ConfigNode n) {
    IngestConfig d = DEFAULT;
    n.requireOnly(
        "apiKeysFile",
        "apiKeysEnv",
        "maxBodyBytes",
        "maxEventsPerBatch",
        "rateLimit",
        "idempotency",
        "maxEventAge",
        "maxEventAgeSeconds",
        "maxClockSkew",
        "maxClockSkewSeconds",
        "appVersions",
        "maxSeriesPerMetric",
        "webhook",
        "summary");
    String keysFile = n.string("apiKeysFile", null);
    String keysEnv = n.string("apiKeysEnv", null);
    if (keysFile != null && keysEnv != null) {
      throw new ConfigException(
          n.path(), "set either apiKeysFile (a mounted Secret) or apiKeysEnv, not both");
    }
    ConfigNode rate = n.child("rateLimit");
    rate.requireOnly("batchesPerSecond", "burst");
    ConfigNode idem = n.child("idempotency");
    idem.requireOnly("window", "windowSeconds", "maxBatches", "maxBytes", "file");
    ConfigNode webhook = n.child("webhook");
    webhook.requireOnly("secretFile", "secretEnv", "rateLimit");
    ConfigNode webhookRate = webhook.child("rateLimit");
    webhookRate.requireOnly("envelopesPerSecond", "burst");
    String idemFile = idem.string("file", null);
    String secretFile = webhook.string("secretFile", null);
    String secretEnv = webhook.string("secretEnv", null);
    if (secretFile != null && secretEnv != null) {
      throw new ConfigException(
          webhook.path(), "set either secretFile (a mounted Secret) or secretEnv, not both");
    }
    return new IngestConfig(
        keysFile == null ? null : n.filePath("apiKeysFile", keysFile),
        keysEnv,
        n.integer("maxBodyBytes", d.maxBodyBytes(), 1024, 16L * 1024 * 1024),
        (int) n.integer("maxEventsPerBatch", d.maxEventsPerBatch(), 1, 10_000),
        rate.decimal("batchesPerSecond", d.batchesPerSecond(), 0.01, 100_000),
        (int) rate.integer("burst", d.burst(), 1, 1_000_000),
        DurationText.readOrSeconds(
            idem,
            "window",
            "windowSeconds",
            false,
            d.idempotencyWindow(),
            Duration.ofSeconds(1),
            Duration.ofDays(1)),
        (int) idem.integer("maxBatches", d.idempotencyMaxBatches(), 1, 10_000_000),
        DurationText.readOrSeconds(
            n,
            "maxEventAge",
            "maxEventAgeSeconds",
            false,
            d.maxEventAge(),
            Duration.ofMinutes(1),
            Duration.ofDays(90)),
        DurationText.readOrSeconds(
            n,
            "maxClockSkew",
            "maxClockSkewSeconds",
            false,
            d.maxClockSkew(),
            Duration.ZERO,
            Duration.ofDays(1)),
        secretFile == null ? null : webhook.filePath("secretFile", secretFile),
        secretEnv,
        webhookRate.decimal("envelopesPerSecond", d.webhookEnvelopesPerSecond(), 0.01, 100_000),
        (int) webhookRate.integer("burst", d.webhookBurst(), 1, 1_000_000),
        idem.integer("maxBytes", d.idempotencyMaxBytes(), 64 * 1024, 4L * 1024 * 1024 * 1024),
        idemFile == null ? null : idem.filePath("file", idemFile));
  }
}
