package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String VALID =
      """
      http:
        port: 9100
      upstream:
        url: ws://127.0.0.1:9000/v1/connect
      probes:
        groups:
          - name: canary
            count: 2
            idPrefix: canary-
            token:
              type: server-api
              url: http://127.0.0.1:9000
              appKey: key
              appSecretEnv: APP_SECRET
            timeoutSeconds: 30
            reconnectKickEnable: true
      """;

  @Test
  void aValidFileBecomesTypedConfig() {
    ExporterConfig c = ConfigLoader.parse(VALID, Map.<String, String>of()::get);
    assertThat(c.http().port()).isEqualTo(9100);
    assertThat(c.http().host()).isEqualTo("0.0.0.0");
    assertThat(c.upstream().url().getPort()).isEqualTo(9000);
    ProbeGroupConfig g = c.probeGroups().get(0);
    assertThat(g.userIds()).containsExactly("canary-1", "canary-2");
    assertThat(g.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(g.reconnectKickEnable()).isTrue();
    assertThat(g.token().kind()).isEqualTo(TokenConfig.Kind.SERVER_API);
    assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void environmentVariablesAreSubstitutedWithDefaults() {
    String yaml = "http:\n  port: ${PORT}\n  host: ${HOST:-127.0.0.2}\n";
    ExporterConfig c = ConfigLoader.parse(yaml, Map.of("PORT", "9200")::get);
    assertThat(c.http().port()).isEqualTo(9200);
    assertThat(c.http().host()).isEqualTo("127.0.0.2");
    assertThat(c.http().instances()).as("0: one server instance per core").isZero();
    assertThat(c.http().effectiveInstances()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.http().metricsCacheTtl()).isZero();
    ExporterConfig tuned =
        ConfigLoader.parse("http: {instances: 3, metricsCacheTtl: 500ms}\n", k -> null);
    assertThat(tuned.http().effectiveInstances()).isEqualTo(3);
    assertThat(tuned.http().metricsCacheTtl()).isEqualTo(java.time.Duration.ofMillis(500));
    assertThat(tuned.withHttpPort(0).http().instances())
        .as("the command line's port keeps the other http keys")
        .isEqualTo(3);
  }

  @Test
  void listenerLimitsAndIngestBoundsAreRead() {
    ExporterConfig c =
        ConfigLoader.parse(
            "http: {headerTimeout: 2s, bodyTimeout: 3s, idleTimeout: 4s, maxConnections: 7}\n"
                + "ingest:\n  idempotency: {maxBytes: 1048576, file: /var/lib/nexconn/w}\n"
                + "  webhook: {secretEnv: S, rateLimit: {envelopesPerSecond: 5, burst: 9}}\n",
            k -> null);
    assertThat(c.http().limits())
        .isEqualTo(
            new HttpConfig.Limits(
                java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(3),
                java.time.Duration.ofSeconds(4),
                7));
    assertThat(c.ingest().idempotencyMaxBytes()).isEqualTo(1048576);
    assertThat(c.ingest().idempotencyFile()).hasToString("/var/lib/nexconn/w");
    assertThat(c.ingest().webhookEnvelopesPerSecond()).isEqualTo(5);
    assertThat(c.ingest().webhookBurst()).isEqualTo(9);
  }

  @Test
  void errorsNameTheExactKeyAndTheFix() {
    assertError(
        "http:\n  prot: 1\n",
        "http.prot: unknown key; known keys here are [bodyTimeout, headerTimeout, host, idleTimeout, instances, maxConnections, metricsCacheTtl, port]");
    assertError("http:\n  instances: 65\n", "http.instances: must be between 0 and 64, got 65");
    assertError(
        "http:\n  metricsCacheTtl: 2m\n",
        "http.metricsCacheTtl: must be between 0s and 1m, got '2m'");
    assertError("http:\n  port: 70000\n", "http.port: must be between 0 and 65535, got 70000");
    assertError("http:\n  port: abc\n", "http.port: must be a whole number, got 'abc'");
    assertError(
        VALID.replace("count: 2", "count: 0"),
        "probes.groups[0].count: must be between 1 and 19000, got 0");
    assertError(
        VALID.replace("ws://127.0.0.1:9000/v1/connect", "http://x"),
        "upstream.url: must start with ws:// or wss://");
    assertError(
        VALID.replace("type: server-api", "type: magic"),
        "probes.groups[0].token.type: must be one of [static, file, app-server, server-api]");
    assertError(
        VALID.replaceAll("(?m)^ *appSecretEnv: APP_SECRET\n", ""),
        "probes.groups[0].token: set exactly one of appSecretFile");
    assertError("http: [1, 2]\n", "http: must be a mapping");
    assertError("http:\n  port: ${NOPE}\n", "environment variable NOPE is referenced");
    assertError("http:\n  port: [\n", "config is not valid YAML at line");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("absent.yaml does not exist");
  }

  @Test
  void aFileOnDiskLoads(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "http:\n  port: 0\n");
    assertThat(ConfigLoader.load(f).http().port()).isZero();
  }

  private static void assertError(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, Map.<String, String>of()::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
