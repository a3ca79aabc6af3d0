package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.support.ExporterJarProcess;
import dev.nexconn.exporter.support.MisplacedSecrets;
import dev.nexconn.exporter.support.PlantedSecrets;
import dev.nexconn.exporter.support.SignedApiClient;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 point 5, over the jar's own output: the built jar runs as a process with the planted
 * access token, App Secret, ingest API key and webhook secret in files, as users configure them
 * (mode 0644, so that the permission warning names them too), against an emulator that knows the
 * App Secret. Then the scenarios that log: a token fetch with a wrong App Secret, a kick and a
 * token expiry, wrong and near-miss API keys and webhook secrets, secrets inside bad bodies, URIs
 * and query strings, a request without {@code Host}; {@code check-config} of the good config and of
 * three broken ones. The whole stdout and stderr of every process, and every answer, must hold no
 * planted secret in any form {@link PlantedSecrets} knows (plain, base64 at three alignments, URL-
 * and percent-encoded, hex).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PlantedSecretJarScanIT {
  static final String APP_KEY = "jar-scan-app-key";
  static final String APP_SECRET = "planted-app-secret-7c1d9e0b5a3f";
  static final String WRONG_SECRET = "planted-app-secret-7c1d9e0b5a3e";
  static final String API_KEY = "planted-ingest-key-2b8e6f1a9d04";
  static final String NEAR_KEY = "planted-ingest-key-2b8e6f1a9d05";
  static final String SHORT_KEY = "short-key-9f1";
  static final String HOOK_SECRET = "planted-hook-secret-4e0c7a2d6b19";
  static final String NEAR_HOOK = "planted-hook-secret-4e0c7a2d6b18";

  @TempDir Path dir;
  final Map<String, String> texts = new LinkedHashMap<>();

  @Test
  void theJarPrintsNoPlantedSecretWhateverItIsSent() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EmulatorVerticle emulator =
          new EmulatorVerticle(
              new EmulatorOptions("127.0.0.1", 0, APP_KEY, APP_SECRET), Clock.systemUTC());
      vertx.deployVerticle(emulator).await(20, TimeUnit.SECONDS);
      String token =
          new SignedApiClient(vertx, emulator.port(), APP_KEY, APP_SECRET, Clock.systemUTC())
              .issue("planted-user");
      Path config = writeConfig(emulator.port(), token);
      PlantedSecrets scan =
          PlantedSecrets.of(
              Map.of(
                  "access token", token,
                  "App Secret", APP_SECRET,
                  "wrong App Secret", WRONG_SECRET,
                  "ingest API key", API_KEY,
                  "near-miss API key", NEAR_KEY,
                  "too-short API key", SHORT_KEY,
                  "webhook secret", HOOK_SECRET,
                  "near-miss webhook secret", NEAR_HOOK));

      MisplacedSecrets misplaced =
          new MisplacedSecrets(
              token, API_KEY, NEAR_KEY, APP_SECRET, WRONG_SECRET, HOOK_SECRET, NEAR_HOOK);
      checkConfigs(config, token);
      // DEBUG: every line the code can write, not only what a default install shows.
      try (ExporterJarProcess jar =
          ExporterJarProcess.startWithLauncher(
              List.of(),
              Map.of("NEXCONN_LOG_LEVEL", "DEBUG"),
              List.of(),
              "run",
              "--config",
              config.toString())) {
        String base = jar.baseUrl();
        assertThat(URI.create(base).getPort()).isNotEqualTo(emulator.port());
        await("the file-token probe and the token failures")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    jar.output().contains("event=token_fetch_failed")
                        && misplaced.get(base + "/metrics").contains("status=\"connected\"} 3.0"));
        admin(misplaced, emulator.adminPort(), "users/kick", "{\"percent\":50}");
        admin(misplaced, emulator.adminPort(), "users/expire-tokens", "{\"percent\":100}");
        admin(misplaced, emulator.adminPort(), "faults/drop", "{\"percent\":100}");
        texts.putAll(misplaced.send(base));
        Thread.sleep(3000); // reconnects, refreshes and the second round of token failures
        for (String path :
            List.of("/metrics", "/api/v1/connections", "/api/v1/summary", "/api/v1/alerts", "/")) {
          texts.put("GET " + path, misplaced.get(base + path));
        }
        assertThat(jar.terminate()).isZero();
        texts.put("jar stdout+stderr", jar.output());
      }

      String log = texts.get("jar stdout+stderr");
      assertThat(log)
          .contains("event=secret_file_permissions")
          .contains("event=token_fetch_failed")
          .contains("event=stopped");
      assertThat(texts.get("401 near-miss bearer")).startsWith("401 ");
      assertThat(texts.get("202 accepted batch")).startsWith("202 ");
      assertThat(texts.get("check-config ok")).contains("config OK");
      assertThat(texts.get("raw no Host, bearer key")).startsWith("HTTP/1.1 400");
      assertThat(scan.findIn(texts)).isEmpty();
    } finally {
      vertx.close().await(15, TimeUnit.SECONDS);
    }
  }

  /** The config and its secret files, each readable by others (the permission warning). */
  private Path writeConfig(int emulatorPort, String token) throws Exception {
    secret("access-token", token);
    secret("app-secret", APP_SECRET);
    secret("wrong-app-secret", WRONG_SECRET);
    secret("api-keys", API_KEY + "\n");
    secret("webhook-secret", HOOK_SECRET + "\n");
    String api = "http://127.0.0.1:" + emulatorPort;
    String yaml =
        """
        http: {host: 127.0.0.1, port: 0}
        upstream: {url: "ws://127.0.0.1:%d/v1/connect"}
        probes:
          groups:
            - {name: filetoken, users: [planted-user], token: {type: file, file: "%s"}}
            - name: goodsecret
              users: [good-1, good-2]
              token: {type: server-api, url: "%s", appKey: %s, appSecretFile: "%s"}
            - name: wrongsecret
              users: [wrong-1, wrong-2]
              token: {type: server-api, url: "%s", appKey: %s, appSecretFile: "%s"}
        ingest:
          apiKeysFile: "%s"
          webhook: {secretFile: "%s"}
        """
            .formatted(
                emulatorPort,
                dir.resolve("access-token"),
                api,
                APP_KEY,
                dir.resolve("app-secret"),
                api,
                APP_KEY,
                dir.resolve("wrong-app-secret"),
                dir.resolve("api-keys"),
                dir.resolve("webhook-secret"));
    return Files.writeString(dir.resolve("config.yaml"), yaml);
  }

  private void secret(String name, String value) throws Exception {
    Path p = Files.writeString(dir.resolve(name), value);
    Files.setPosixFilePermissions(
        p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
  }

  /** {@code check-config} of the good config and of broken ones that sit next to the secrets. */
  private void checkConfigs(Path good, String token) throws Exception {
    texts.put("check-config ok", checkConfig(good));
    String yaml = Files.readString(good);
    Path shortKeys =
        Files.writeString(dir.resolve("short-keys"), API_KEY + "\n" + SHORT_KEY + "\n");
    texts.put(
        "check-config short key",
        checkConfig(
            Files.writeString(
                dir.resolve("short.yaml"),
                yaml.replace(dir.resolve("api-keys").toString(), shortKeys.toString()))));
    texts.put(
        "check-config unknown key beside a literal token",
        checkConfig(
            Files.writeString(
                dir.resolve("literal.yaml"),
                yaml.replace(
                    "{type: file, file: \"" + dir.resolve("access-token") + "\"}",
                    "{type: static, value: \"" + token + "\", secret: \"" + APP_SECRET + "\"}"))));
    texts.put(
        "check-config missing secret file",
        checkConfig(
            Files.writeString(
                dir.resolve("missing.yaml"),
                yaml.replace(
                    dir.resolve("app-secret").toString(), dir.resolve("nope").toString()))));
    assertThat(texts.get("check-config short key")).contains("exit 2");
    assertThat(texts.get("check-config unknown key beside a literal token")).contains("exit 2");
    assertThat(texts.get("check-config missing secret file")).doesNotContain("exit 0");
  }

  private static String checkConfig(Path config) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java, "-jar", System.getProperty("nexconn.jar"), "check-config", config.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out + "\nexit " + p.exitValue();
  }

  private static void admin(MisplacedSecrets http, int port, String action, String body)
      throws Exception {
    String r = http.post("http://127.0.0.1:" + port + "/admin/v1/" + action, body, "X-None", "");
    assertThat(r).as(action).startsWith("200 ");
  }
}
