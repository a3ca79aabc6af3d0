package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.config.ProbeGroupConfig;
import dev.nexconn.exporter.support.LogCapture;
import dev.nexconn.exporter.support.PlantedSecrets;
import dev.nexconn.exporter.support.SignedApiClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16 point 5: the demo (emulator, server-api probes, a static-token probe group, the virtual
 * app fleet reporting and the presence webhook) plays its scenarios; then requests that carry the
 * secrets where they do not belong are sent; then every log line, every GET endpoint, the status
 * page and every error body is searched for the planted access token, App Secret, ingest API key,
 * webhook secret and the near misses a client sent, in plain, base64, URL-encoded and hex forms.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlantedSecretScanIT {
  private static final List<String> GETS =
      List.of(
          "/metrics",
          "/api/v1/connections",
          "/api/v1/summary",
          "/api/v1/alerts",
          "/",
          "/readyz",
          "/livez");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void noPlantedSecretAppearsInLogsEndpointsOrErrorBodiesAfterTheScenarios() throws Exception {
    Vertx vertx = Vertx.vertx();
    Map<String, String> texts = new LinkedHashMap<>();
    try (LogCapture logs = LogCapture.start()) {
      Demo demo = Demo.start(vertx, 2).await(30, TimeUnit.SECONDS);
      String appSecret = demo.env().apply(Demo.SECRET_VARIABLE);
      String key = demo.env().apply(Demo.INGEST_KEY_VARIABLE);
      String hookSecret = demo.env().apply(Demo.WEBHOOK_SECRET_VARIABLE);
      String token = issueToken(vertx, demo, appSecret);
      ExporterConfig config = withStaticTokenGroup(demo, token);
      ExporterApp app = ExporterApp.start(vertx, config, demo.env()).await(30, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + app.httpPort();
      demo.playScenarios(vertx, app.httpPort()).await(30, TimeUnit.SECONDS);
      Thread.sleep(15_000); // the scenarios and the probes run; the fleet reports
      String nearKey = nearMiss(key);
      String nearHook = nearMiss(hookSecret);
      PlantedSecrets scan =
          PlantedSecrets.of(
              Map.of(
                  "access token", token,
                  "App Secret", appSecret,
                  "ingest API key", key,
                  "webhook secret", hookSecret,
                  "near-miss API key", nearKey,
                  "near-miss webhook secret", nearHook));

      // requests that carry secrets where they do not belong
      String batch =
          "{\"batchId\":\"b1\",\"app\":{\"platform\":\"web\",\"appVersion\":\"1\"},\"events\":[]}";
      texts.put("401 near-miss bearer", post(base + "/api/v1/events", batch, "Bearer " + nearKey));
      texts.put("401 basic", post(base + "/api/v1/events", batch, "Basic " + b64("u:" + nearKey)));
      texts.put(
          "400 key in body",
          post(base + "/api/v1/events", "{\"batchId\":\"" + key + "\",\"x\":", "Bearer " + key));
      texts.put(
          "401 webhook near miss",
          postHook(base, "{\"type\":\"user:connection_status\",\"id\":\"x\"}", nearHook));
      texts.put(
          "400 webhook secret in body",
          postHook(
              base, "{\"type\":\"" + hookSecret + "\",\"token\":\"" + token + "\"}", hookSecret));
      texts.put(
          "400 webhook app secret in id",
          postHook(
              base, "{\"type\":\"user:connection_status\",\"id\":" + appSecret + "}", hookSecret));
      String q = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&x=1";
      texts.put("GET alerts with token query", get(base + "/api/v1/alerts" + q));
      texts.put("GET unknown route with key", get(base + "/api/v1/" + key));
      for (String path : GETS) {
        texts.put("GET " + path, get(base + path));
      }
      app.stop().await(15, TimeUnit.SECONDS);
      texts.put("log", logText(logs.events()));

      assertThat(texts.get("GET /metrics")).contains("nexconn_");
      assertThat(texts.get("log")).contains("scenario");
      assertThat(texts.get("401 near-miss bearer")).startsWith("401 ");
      assertThat(scan.findIn(texts)).isEmpty();
    } finally {
      vertx.close().await(15, TimeUnit.SECONDS);
    }
  }

  private static String issueToken(Vertx vertx, Demo demo, String appSecret) {
    SignedApiClient api =
        new SignedApiClient(
            vertx, demo.emulator().port(), "demo-app-key", appSecret, Clock.systemUTC());
    SignedApiClient.Reply r =
        api.post(
            "/v4/auth/access-token/issue",
            new JsonObject().put("userId", "static-probe0").put("name", "Static"));
    assertThat(r.status()).isEqualTo(200);
    return r.body().getJsonObject("result").getString("accessToken");
  }

  /** The demo's config plus a probe group with the planted token as a literal. */
  private static ExporterConfig withStaticTokenGroup(Demo demo, String token) {
    String yaml =
        """
        upstream: {url: %s}
        probes:
          groups:
            - {name: static, count: 1, idPrefix: static-probe, token: {type: static, value: "%s"}}
        """
            .formatted(demo.config().upstream().url(), token);
    ExporterConfig extra = ConfigLoader.parse(yaml);
    List<ProbeGroupConfig> groups = new ArrayList<>(demo.config().probeGroups());
    groups.addAll(extra.probeGroups());
    ExporterConfig d = demo.config().withHttpPort(0);
    return new ExporterConfig(
        d.http(),
        d.upstream(),
        groups,
        d.shutdownGrace(),
        d.ingest(),
        d.alerting(),
        d.labels(),
        d.summary());
  }

  private static String nearMiss(String secret) {
    char last = secret.charAt(secret.length() - 1);
    return secret.substring(0, secret.length() - 1) + (last == '0' ? '1' : '0');
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String logText(List<ILoggingEvent> events) {
    StringBuilder b = new StringBuilder();
    for (ILoggingEvent e : events) {
      b.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ');
      b.append(e.getFormattedMessage()).append(' ').append(e.getKeyValuePairs()).append('\n');
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        b.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      }
    }
    return b.toString();
  }

  private String get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.headers().map() + "\n" + r.body();
  }

  private String post(String url, String body, String authorization) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private String postHook(String base, String body, String secret) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/nexconn"))
            .header("X-Nexconn-Webhook-Secret", secret)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private String send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r =
        http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.headers().map() + "\n" + r.body();
  }
}
