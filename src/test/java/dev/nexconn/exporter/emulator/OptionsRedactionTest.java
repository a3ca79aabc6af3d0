package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Emulator options end up in logs through {@code toString()}: no secret may show there. */
class OptionsRedactionTest {
  @Test
  void emulatorOptionsHideTheAppSecretTheWebhookSecretAndSecretsInWebhookUrls() {
    EmulatorOptions options =
        new EmulatorOptions("127.0.0.1", 0, "app-key", "app-secret-1")
            .withWebhooks(
                List.of("http://u:url-pw-1@127.0.0.1:9464/api/v1/webhooks/nexconn?secret=url-s-1"),
                "webhook-secret-1");

    assertThat(options.toString())
        .contains("127.0.0.1:9464/api/v1/webhooks/nexconn")
        .doesNotContain("app-secret-1", "webhook-secret-1", "url-pw-1", "url-s-1");
  }

  @Test
  void fleetOptionsHideTheApiKeyTheWebhookSecretAndSecretsInUrls() {
    VirtualAppOptions fleet =
        new VirtualAppOptions(
            "http://u:url-pw-2@127.0.0.1:9464/api/v1/events",
            "api-key-2",
            "http://127.0.0.1:9464/api/v1/webhooks/nexconn?secret=url-s-2",
            "webhook-secret-2",
            10);

    assertThat(fleet.toString())
        .contains("127.0.0.1:9464/api/v1/events")
        .doesNotContain("api-key-2", "webhook-secret-2", "url-pw-2", "url-s-2");
  }
}
