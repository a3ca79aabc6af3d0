package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 16, "hostile input" for config files: any YAML text either loads or stops with a {@link
 * ConfigException} whose message names the offending key (or says the YAML is invalid) and says
 * what is allowed; no other exception escapes, so {@code check-config} always exits 0 or 2 with a
 * message.
 */
class ConfigFilePropertiesTest {
  static final Map<String, String> ENV = Map.of("SET", "value");

  @Property(tries = 500, seed = "16")
  void anyConfigLoadsOrNamesTheKeyAtFault(@ForAll("configs") String yaml) {
    try {
      ConfigLoader.parse(yaml, ENV::get);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).as(yaml).isNotBlank().hasSizeLessThan(2000);
    }
  }

  @Provide
  Arbitrary<String> configs() {
    Arbitrary<String> keys =
        Arbitraries.of(
            "http.port",
            "http.headerTimeout",
            "http.maxConnections",
            "ingest.maxBodyBytes",
            "ingest.maxEventsPerBatch",
            "ingest.rateLimit.batchesPerSecond",
            "ingest.idempotency.window",
            "ingest.idempotency.maxBatches",
            "ingest.idempotency.file",
            "ingest.webhookRateLimit.envelopesPerSecond",
            "shutdown.grace",
            "alerting.alertmanagers",
            "probes.groups",
            "upstream.url",
            "unknown.key");
    Arbitrary<String> values =
        Arbitraries.of(
            "0",
            "-1",
            "1",
            "65536",
            "99999999999999999999999",
            "1e999",
            ".nan",
            "~",
            "null",
            "true",
            "[]",
            "{}",
            "\"\"",
            "10s",
            "10",
            "1h",
            "-5m",
            "10 s",
            "5x",
            "\"\u202e\"",
            "'${UNSET}'",
            "${SET}",
            "${SET:-x}",
            "${",
            "!!binary AAAA",
            "&a 1",
            "*a",
            "|\n  x",
            "[1, [2, [3]]]",
            "\"\\ud800\"");
    Arbitrary<String> line = Combinators.combine(keys, values).as(ConfigFilePropertiesTest::yaml);
    return Arbitraries.oneOf(
        line.list().ofMaxSize(4).map(l -> String.join("\n", l)),
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.integers().between(1, 2000).map(d -> "a: " + "[".repeat(d) + "]".repeat(d)),
        Arbitraries.of(":", "- - -", "a: b: c", "\t:", "{", "---\n---", "? x\n: y"));
  }

  /** {@code a.b.c} and a value as nested YAML mappings. */
  static String yaml(String dotted, String value) {
    String[] parts = dotted.split("\\.");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      b.append("  ".repeat(i)).append(parts[i]).append(':');
      b.append(i == parts.length - 1 ? " " + value : "\n");
    }
    return b.toString();
  }
}
