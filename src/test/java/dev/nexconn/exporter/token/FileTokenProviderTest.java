package dev.nexconn.exporter.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenProviderTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void theFileIsReadAgainWhenASecretUpdateReplacesIt() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "first-token\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    FileTokenProvider provider = new FileTokenProvider(vertx, file);
    assertThat(provider.token("u", false).await(5, TimeUnit.SECONDS)).isEqualTo("first-token");
    Files.writeString(file, "other-token\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    assertThat(provider.token("u", true).await(5, TimeUnit.SECONDS)).isEqualTo("other-token");
  }

  @Test
  void anEmptyOrMissingFileFailsNamingTheFileButNoToken() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "  \n");
    FileTokenProvider provider = new FileTokenProvider(vertx, file);
    assertThatThrownBy(() -> provider.token("u", false).await(5, TimeUnit.SECONDS))
        .isInstanceOf(TokenFetchException.class)
        .hasMessageContaining("token file " + file + " is empty");
    FileTokenProvider missing = new FileTokenProvider(vertx, dir.resolve("absent"));
    assertThatThrownBy(() -> missing.token("u", false).await(5, TimeUnit.SECONDS))
        .isInstanceOf(TokenFetchException.class)
        .hasMessageContaining("cannot read token file");
  }
}
