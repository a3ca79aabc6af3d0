package dev.nexconn.exporter.emulator;

import java.util.Objects;

/**
 * Where the virtual-app simulator sends what virtual apps and the server would send a sidecar.
 *
 * @param ingestUrl the sidecar's SDK report endpoint, e.g. {@code
 *     http://127.0.0.1:9464/api/v1/events}; empty to send no reports
 * @param apiKey the bearer API key for reports (never logged)
 * @param webhookUrl the sidecar's presence webhook, e.g. {@code
 *     http://127.0.0.1:9464/api/v1/webhooks/nexconn}; empty to send none
 * @param webhookSecret the shared webhook secret (never logged)
 * @param batchesPerSecond most reports per second the whole fleet sends (all apps share one API
 *     key, so the sidecar's {@code ingest.rateLimit} should allow at least this many)
 */
public record VirtualAppOptions(
    String ingestUrl,
    String apiKey,
    String webhookUrl,
    String webhookSecret,
    double batchesPerSecond) {
  /** The default report rate of the whole fleet. */
  public static final double DEFAULT_BATCHES_PER_SECOND = 200;

  public VirtualAppOptions {
    ingestUrl = Objects.requireNonNullElse(ingestUrl, "");
    apiKey = Objects.requireNonNullElse(apiKey, "");
    webhookUrl = Objects.requireNonNullElse(webhookUrl, "");
    webhookSecret = Objects.requireNonNullElse(webhookSecret, "");
    if (!(batchesPerSecond > 0)) {
      throw new IllegalArgumentException("batchesPerSecond must be > 0, got " + batchesPerSecond);
    }
  }

  /** Both endpoints on one sidecar base URL, e.g. {@code http://127.0.0.1:9464}. */
  public static VirtualAppOptions forSidecar(String baseUrl, String apiKey, String webhookSecret) {
    return new VirtualAppOptions(
        baseUrl + "/api/v1/events",
        apiKey,
        baseUrl + "/api/v1/webhooks/nexconn",
        webhookSecret,
        DEFAULT_BATCHES_PER_SECOND);
  }

  /** A copy with another report rate for the whole fleet. */
  public VirtualAppOptions withBatchesPerSecond(double perSecond) {
    return new VirtualAppOptions(ingestUrl, apiKey, webhookUrl, webhookSecret, perSecond);
  }

  @Override
  public String toString() {
    return "VirtualAppOptions[ingestUrl="
        + UrlText.withoutCredentials(ingestUrl)
        + ", webhookUrl="
        + UrlText.withoutCredentials(webhookUrl)
        + ", batchesPerSecond="
        + batchesPerSecond
        + "]";
  }
}
