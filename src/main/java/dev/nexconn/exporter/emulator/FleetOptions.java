package dev.nexconn.exporter.emulator;

import java.util.Objects;

/**
 * Where the fleet simulator sends what virtual apps and the server would send a sidecar.
 *
 * @param ingestUrl the sidecar's SDK report endpoint, e.g. {@code
 *     http://127.0.0.1:9464/api/v1/events}; empty to send no reports
 * @param apiKey the bearer API key for reports (never logged)
 * @param webhookUrl the sidecar's presence webhook, e.g. {@code
 *     http://127.0.0.1:9464/api/v1/webhooks/nexconn}; empty to send none
 * @param webhookSecret the shared webhook secret (never logged)
 */
public record FleetOptions(
    String ingestUrl, String apiKey, String webhookUrl, String webhookSecret) {
  public FleetOptions {
    ingestUrl = Objects.requireNonNullElse(ingestUrl, "");
    apiKey = Objects.requireNonNullElse(apiKey, "");
    webhookUrl = Objects.requireNonNullElse(webhookUrl, "");
    webhookSecret = Objects.requireNonNullElse(webhookSecret, "");
  }

  /** Both endpoints on one sidecar base URL, e.g. {@code http://127.0.0.1:9464}. */
  public static FleetOptions forSidecar(String baseUrl, String apiKey, String webhookSecret) {
    return new FleetOptions(
        baseUrl + "/api/v1/events", apiKey, baseUrl + "/api/v1/webhooks/nexconn", webhookSecret);
  }

  @Override
  public String toString() {
    return "FleetOptions[ingestUrl=" + ingestUrl + ", webhookUrl=" + webhookUrl + "]";
  }
}
