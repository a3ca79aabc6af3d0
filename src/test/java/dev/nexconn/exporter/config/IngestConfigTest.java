package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngestConfigTest {
  static ExporterConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.<String, String>of()::get);
  }

  @Test
  void withoutAnIngestSectionBothEndpointsAreOffAndDefaultsApply() {
    IngestConfig c = parse("http:\n  port: 0\n").ingest();
    assertThat(c.sdkIngestEnabled()).isFalse();
    assertThat(c.webhookEnabled()).isFalse();
    assertThat(c.maxEventsPerBatch()).isEqualTo(500);
    assertThat(c.maxBodyBytes()).isEqualTo(262_144);
  }

  @Test
  void everyKeyIsRead() {
    ExporterConfig all =
        parse(
            """
                ingest:
                  apiKeysFile: /etc/keys
                  maxBodyBytes: 4096
                  maxEventsPerBatch: 50
                  rateLimit: {batchesPerSecond: 2.5, burst: 5}
                  idempotency: {windowSeconds: 60, maxBatches: 10}
                  appVersions: {allow: ["5.2.1", "5.3.0"], topN: 3}
                  maxSeriesPerMetric: 100
                  webhook: {secretEnv: HOOK}
                  summary: {recentTransitions: 7, showProbeUserIds: true}
                """);
    IngestConfig c = all.ingest();
    assertThat(c.apiKeysFile()).isEqualTo(Path.of("/etc/keys"));
    assertThat(c.batchesPerSecond()).isEqualTo(2.5);
    assertThat(c.burst()).isEqualTo(5);
    assertThat(c.idempotencyWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(all.labels()).isEqualTo(new LabelLimitsConfig(List.of("5.2.1", "5.3.0"), 3, 100));
    assertThat(c.webhookSecretEnv()).isEqualTo("HOOK");
    assertThat(all.summary()).isEqualTo(new SummaryConfig(7, true));
  }

  static Stream<Arguments> errorsNameTheExactKeyCases() {
    return Stream.of(
        Arguments.of(
            "ingest:\n  maxEventsPerBatch: 0\n",
            "ingest.maxEventsPerBatch: must be between 1 and 10000, got 0"),
        Arguments.of(
            "ingest:\n  rateLimit: {perSecond: 1}\n",
            "ingest.rateLimit.perSecond: unknown key; known keys here are [batchesPerSecond, burst]"),
        Arguments.of(
            "ingest:\n  appVersions: {allow: ['5 2']}\n",
            "ingest.appVersions.allow[0]: must be 1-32 characters of letters, digits, '.', '_',"
                + " '+' or '-'"),
        Arguments.of(
            "ingest:\n  webhook: {secretFile: /a, secretEnv: B}\n",
            "ingest.webhook: set either secretFile (a mounted Secret) or secretEnv, not both"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errorsNameTheExactKeyCases")
  void errorsNameTheExactKey(String input, String expected) {
    assertThatThrownBy(() -> parse(input)).hasMessageStartingWith(expected);
  }
}
