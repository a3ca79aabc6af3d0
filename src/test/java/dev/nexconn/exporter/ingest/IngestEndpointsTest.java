package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestEndpointsTest {
  static final String OLD = "old-key-0123456789abcdef";
  static final String NEW = "new-key-0123456789abcdef";

  @Test
  void aRotatedKeysFileTakesEffectOnReload(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("keys"), OLD + "\n");
    SharedSecrets keys = SharedSecrets.parse(Files.readString(file), file.toString());
    Files.writeString(file, OLD + "\n" + NEW + "\n");
    IngestEndpoints.reload(keys, file, "ingest.apiKeysFile");
    assertThat(keys.authenticate("Bearer " + NEW)).isPresent();
    assertThat(keys.authenticate("Bearer " + OLD)).isPresent();
    Files.writeString(file, NEW + "\n");
    IngestEndpoints.reload(keys, file, "ingest.apiKeysFile");
    assertThat(keys.authenticate("Bearer " + OLD)).isEmpty();
    assertThat(keys.size()).isEqualTo(1);
  }

  @Test
  void aBrokenOrEmptyKeysFileKeepsTheLoadedKeys(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("keys"), OLD + "\n");
    SharedSecrets keys = SharedSecrets.parse(Files.readString(file), file.toString());
    Files.writeString(file, "");
    IngestEndpoints.reload(keys, file, "ingest.apiKeysFile");
    Files.delete(file);
    IngestEndpoints.reload(keys, file, "ingest.apiKeysFile");
    assertThat(keys.authenticate("Bearer " + OLD)).isPresent();
  }
}
