package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.HttpConfig;
import dev.nexconn.exporter.support.GuardedSidecar;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, "the webhook has no rate limit": past {@code ingest.webhook.rateLimit} the webhook
 * answers 429 with {@code Retry-After}, counts it, and every envelope it acknowledged is counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookRateLimitIT {
  @Test
  void aWebhookFloodIsRateLimitedAndEveryAcknowledgedItemIsCounted() throws Exception {
    try (GuardedSidecar s =
        GuardedSidecar.start(HttpConfig.Limits.DEFAULT, GuardedSidecar.ingestWithRate(2, 5))) {
      HttpClient client = HttpClient.newHttpClient();
      List<Integer> statuses = new ArrayList<>();
      int acknowledged = 0;
      for (int i = 0; i < 30; i++) {
        long now = System.currentTimeMillis();
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.port() + "/api/v1/webhooks/nexconn"))
                    .header("X-Nexconn-Webhook-Secret", GuardedSidecar.SECRET)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"user:connection_status\",\"id\":\"flood-"
                                + i
                                + "\",\"time\":"
                                + now
                                + ",\"data\":[{\"userId\":\"u\",\"status\":\"0\",\"os\":\"iOS\","
                                + "\"time\":"
                                + now
                                + "}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        statuses.add(r.statusCode());
        if (r.statusCode() == 200) {
          acknowledged += new JsonObject(r.body()).getInteger("accepted");
        } else {
          assertThat(r.statusCode()).isEqualTo(429);
          assertThat(r.headers().firstValue("Retry-After"))
              .hasValueSatisfying(v -> v.matches("\\d+"));
          assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("rate_limited");
        }
      }
      assertThat(statuses).contains(200, 429);
      assertThat(statuses.stream().filter(x -> x == 200).count()).isBetween(5L, 10L);
      assertThat(
              s.metric(
                  "nexconn_ingest_batches_total",
                  "endpoint",
                  "webhook",
                  "outcome",
                  "rejected",
                  "reason",
                  "rate_limited"))
          .isEqualTo(statuses.stream().filter(x -> x == 429).count());
      assertThat(
              s.metric("nexconn_ingest_events_total", "endpoint", "webhook", "outcome", "accepted"))
          .isEqualTo(acknowledged);
    }
  }
}
