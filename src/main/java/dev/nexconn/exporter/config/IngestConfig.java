package dev.nexconn.exporter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The event pipeline's inputs and label limits: SDK report ingest ({@code POST /api/v1/events}),
 * the presence webhook ({@code POST /api/v1/webhooks/nexconn}), how app versions and series are
 * bounded, and what {@code GET /api/v1/summary} shows. Secrets are referenced by file or
 * environment variable, never written into the config file.
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
 * @param appVersionAllow app versions that keep their own label; empty means the top {@code
 *     appVersionTopN} by reported events, re-ranked every 10 minutes
 * @param appVersionTopN how many distinct app versions get their own label without an allow-list
 * @param maxSeriesPerMetric hard cap of label combinations per fleet metric
 * @param webhookSecretFile a file holding the presence webhook's shared secret
 * @param webhookSecretEnv an environment variable holding the presence webhook's shared secret
 * @param summaryRecentTransitions how many recent transitions {@code /api/v1/summary} lists
 * @param summaryShowProbeUserIds whether the summary shows probe user ids (never SDK users)
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
    List<String> appVersionAllow,
    int appVersionTopN,
    int maxSeriesPerMetric,
    Path webhookSecretFile,
    String webhookSecretEnv,
    int summaryRecentTransitions,
    boolean summaryShowProbeUserIds) {

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
          List.of(),
          20,
          2000,
          null,
          null,
          50,
          false);

  public IngestConfig {
    appVersionAllow = List.copyOf(Objects.requireNonNullElse(appVersionAllow, List.of()));
  }

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
        appVersionAllow,
        appVersionTopN,
        maxSeriesPerMetric,
        null,
        webhookSecretVariable,
        summaryRecentTransitions,
        summaryShowProbeUserIds);
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
        "maxEventAgeSeconds",
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
    idem.requireOnly("windowSeconds", "maxBatches");
    ConfigNode versions = n.child("appVersions");
    versions.requireOnly("allow", "topN");
    List<String> allow = versions.strings("allow");
    for (int i = 0; i < allow.size(); i++) {
      if (!allow.get(i).matches("[0-9A-Za-z._+-]{1,32}")) {
        throw new ConfigException(
            versions.pathOf("allow") + "[" + i + "]",
            "must be 1-32 characters of letters, digits, '.', '_', '+' or '-'");
      }
    }
    ConfigNode webhook = n.child("webhook");
    webhook.requireOnly("secretFile", "secretEnv");
    String secretFile = webhook.string("secretFile", null);
    String secretEnv = webhook.string("secretEnv", null);
    if (secretFile != null && secretEnv != null) {
      throw new ConfigException(
          webhook.path(), "set either secretFile (a mounted Secret) or secretEnv, not both");
    }
    ConfigNode summary = n.child("summary");
    summary.requireOnly("recentTransitions", "showProbeUserIds");
    return new IngestConfig(
        keysFile == null ? null : Path.of(keysFile),
        keysEnv,
        n.integer("maxBodyBytes", d.maxBodyBytes(), 1024, 16L * 1024 * 1024),
        (int) n.integer("maxEventsPerBatch", d.maxEventsPerBatch(), 1, 10_000),
        rate.decimal("batchesPerSecond", d.batchesPerSecond(), 0.01, 100_000),
        (int) rate.integer("burst", d.burst(), 1, 1_000_000),
        Duration.ofSeconds(
            idem.integer("windowSeconds", d.idempotencyWindow().toSeconds(), 1, 86_400)),
        (int) idem.integer("maxBatches", d.idempotencyMaxBatches(), 1, 10_000_000),
        Duration.ofSeconds(
            n.integer("maxEventAgeSeconds", d.maxEventAge().toSeconds(), 60, 90L * 86_400)),
        Duration.ofSeconds(
            n.integer("maxClockSkewSeconds", d.maxClockSkew().toSeconds(), 0, 86_400)),
        allow,
        (int) versions.integer("topN", d.appVersionTopN(), 0, 1000),
        (int) n.integer("maxSeriesPerMetric", d.maxSeriesPerMetric(), 10, 1_000_000),
        secretFile == null ? null : Path.of(secretFile),
        secretEnv,
        (int) summary.integer("recentTransitions", d.summaryRecentTransitions(), 0, 10_000),
        summary.bool("showProbeUserIds", d.summaryShowProbeUserIds()));
  }
}
