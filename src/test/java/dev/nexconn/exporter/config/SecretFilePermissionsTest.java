package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, "secret files readable by others give no warning". */
class SecretFilePermissionsTest {
  @TempDir Path dir;

  @Test
  void aSecretFileReadableByGroupOrOthersIsNamedWithTheFix() throws Exception {
    Path keys = file("api-keys", "rw-r--r--");
    Path secret = file("webhook", "rw-------");
    List<SecretFilePermissions.Problem> problems =
        SecretFilePermissions.problems(config(keys, secret));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message())
        .isEqualTo(
            "ingest.apiKeysFile: secret file "
                + keys
                + " has mode rw-r--r-- (readable or writable by group or others): run chmod 600 "
                + keys);
  }

  @Test
  void groupWritableIsTooAndOwnerOnlyIsFine() throws Exception {
    assertThat(SecretFilePermissions.check("k", file("a", "rw--w----"))).isPresent();
    assertThat(SecretFilePermissions.check("k", file("b", "rw-rw----"))).isPresent();
    assertThat(SecretFilePermissions.check("k", file("c", "r--------"))).isEmpty();
    assertThat(SecretFilePermissions.check("k", dir.resolve("missing"))).isEmpty();
  }

  Path file(String name, String mode) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, "secret-0123456789abcdef\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  static ExporterConfig config(Path keys, Path secret) {
    IngestConfig d = IngestConfig.DEFAULT;
    IngestConfig ingest =
        new IngestConfig(
            keys,
            null,
            d.maxBodyBytes(),
            d.maxEventsPerBatch(),
            d.batchesPerSecond(),
            d.burst(),
            d.idempotencyWindow(),
            d.idempotencyMaxBatches(),
            d.maxEventAge(),
            d.maxClockSkew(),
            secret,
            null,
            d.webhookEnvelopesPerSecond(),
            d.webhookBurst(),
            d.idempotencyMaxBytes(),
            null);
    return new ExporterConfig(
        HttpConfig.DEFAULT, null, List.of(), Duration.ofSeconds(1), ingest, null);
  }
}
