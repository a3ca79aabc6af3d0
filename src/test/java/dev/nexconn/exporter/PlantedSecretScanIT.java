package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.config.ProbeGroupConfig;
import dev.nexconn.exporter.support.LogCapture;
import dev.nexconn.exporter.support.MisplacedSecrets;
import dev.nexconn.exporter.support.PlantedSecrets;
import dev.nexconn.exporter.support.SignedApiClient;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16 point 5: the demo (emulator, server-api probes, a static-token probe group, the virtual
 * app fleet reporting and the presence webhook) plays its scenarios; then requests that carry the
 * secrets where they do not belong are sent ({@link MisplacedSecrets}, as {@code
 * PlantedSecretJarScanIT} sends them to the jar, and a webhook id that is the App Secret); then
 * every log line, every GET endpoint, the status page and every error body is searched for the
 * planted access token, App Secret, ingest API key, webhook secret and the near misses a client
 * sent, in plain, base64, URL-encoded and hex forms.
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

  @Test
  void noPlantedSecretAppearsInLogsEndpointsOrErrorBodiesAfterTheScenarios() throws Exception {
    Vertx vertx = Vertx.vertx();
    Map<String, String> texts = new LinkedHashMap<>();
    try (LogCapture logs = LogCapture.start()) {
      Demo demo = Demo.start(vertx, 2).await(30, TimeUnit.SECONDS);
      String appSecret = demo.env().apply(Demo.SECRET_VARIABLE);
      String key = demo.env().apply(Demo.INGEST_KEY_VARIABLE);
      String hookSecret = demo.env().apply(Demo.WEBHOOK_SECRET_VARIABLE);
      String token =
          new SignedApiClient(
                  vertx, demo.emulator().port(), "demo-app-key", appSecret, Clock.systemUTC())
              .issue("static-probe0");
      ExporterConfig config = withStaticTokenGroup(demo, token);
      ExporterApp app = ExporterApp.start(vertx, config, demo.env()).await(30, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + app.httpPort();
      demo.playScenarios(vertx, app.httpPort()).await(30, TimeUnit.SECONDS);
      Thread.sleep(15_000); // the scenarios and the probes run; the fleet reports
      String nearKey = nearMiss(key);
      String nearHook = nearMiss(hookSecret);
      String wrongSecret = nearMiss(appSecret);
      PlantedSecrets scan =
          PlantedSecrets.of(
              Map.of(
                  "access token", token,
                  "App Secret", appSecret,
                  "wrong App Secret", wrongSecret,
                  "ingest API key", key,
                  "webhook secret", hookSecret,
                  "near-miss API key", nearKey,
                  "near-miss webhook secret", nearHook));

      MisplacedSecrets misplaced =
          new MisplacedSecrets(token, key, nearKey, appSecret, wrongSecret, hookSecret, nearHook);
      texts.putAll(misplaced.send(base));
      texts.put(
          "400 webhook app secret in id",
          misplaced.post(
              base + "/api/v1/webhooks/nexconn",
              "{\"type\":\"user:connection_status\",\"id\":" + appSecret + "}",
              "X-Nexconn-Webhook-Secret",
              hookSecret));
      for (String path : GETS) {
        texts.put("GET " + path, misplaced.get(base + path));
      }
      app.stop().await(15, TimeUnit.SECONDS);
      texts.put("log", logText(logs.events()));

      assertThat(texts.get("GET /metrics")).contains("nexconn_");
      assertThat(texts.get("log")).contains("scenario");
      assertThat(texts.get("401 near-miss bearer")).startsWith("401 ");
      assertThat(texts.get("202 accepted batch")).startsWith("202 ");
      assertThat(texts.get("400 webhook app secret in id")).startsWith("400 ");
      assertThat(scan.findIn(texts)).isEmpty();
    } finally {
      vertx.close().await(15, TimeUnit.SECONDS);
    }
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
}
