package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.support.EngineHarness;
import dev.nexconn.exporter.support.FakeUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local database per probe user: created, recreated, reported before completion. */
class ProbeDatabaseTest {
  private final EngineHarness h = new EngineHarness(new FakeUpstream());
  private final List<String> callbacks = new CopyOnWriteArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void close() {
    h.close();
  }

  private ProbeConnection connect(Path dbDir) {
    callbacks.clear();
    ProbeConnection c =
        h.engine.connect(
            h.settings().withDatabase(dbDir),
            "alice",
            ConnectParams.of("t"),
            (recreated, error) ->
                callbacks.add(
                    "db recreated=" + recreated + " error=" + (error == null ? 0 : error.code())),
            (user, error) -> callbacks.add("done " + user));
    h.awaitStatus(c, CONNECTED);
    h.awaitTrue(() -> callbacks.size() == 2);
    h.join(c.disconnect());
    return c;
  }

  @Test
  void aMissingDatabaseIsCreatedAndReportedBeforeCompletion() {
    connect(dir);
    assertThat(callbacks).containsExactly("db recreated=false error=0", "done user-from-server");
    assertThat(Files.exists(ProbeDatabase.fileFor(dir, "alice"))).isTrue();
    assertThat(h.events(DatabaseOpened.class))
        .extracting(DatabaseOpened::recreated)
        .containsExactly(false);
  }

  @Test
  void anExistingGoodDatabaseIsKept() {
    connect(dir);
    connect(dir);
    assertThat(h.events(DatabaseOpened.class))
        .extracting(DatabaseOpened::recreated)
        .containsExactly(false, false);
  }

  @Test
  void aCorruptDatabaseIsRecreated() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(ProbeDatabase.fileFor(dir, "alice"), "this is not an sqlite file at all, no");
    connect(dir);
    assertThat(callbacks.get(0)).isEqualTo("db recreated=true error=0");
    assertThat(h.events(DatabaseOpened.class))
        .extracting(DatabaseOpened::recreated)
        .containsExactly(true);
  }

  @Test
  void aDatabaseOfAnotherSchemaVersionOrAppKeyIsRecreated() throws Exception {
    assertThat(ProbeDatabase.open(dir, "alice", "other-app").recreated()).isFalse();
    assertThat(ProbeDatabase.open(dir, "alice", "app-key-1").recreated()).isTrue();
    try (Connection c =
        DriverManager.getConnection("jdbc:sqlite:" + ProbeDatabase.fileFor(dir, "alice"))) {
      c.createStatement().executeUpdate("PRAGMA user_version = 99");
    }
    connect(dir);
    assertThat(h.events(DatabaseOpened.class))
        .extracting(DatabaseOpened::recreated)
        .containsExactly(true);
  }

  @Test
  void anUnwritableDirectoryReportsError33002AndTheProbeStillConnects() throws Exception {
    Path file = dir.resolve("not-a-dir");
    Files.writeString(file, "x");
    connect(file);
    assertThat(callbacks)
        .containsExactly("db recreated=false error=33002", "done user-from-server");
    assertThat(h.events(DatabaseOpened.class))
        .extracting(DatabaseOpened::errorCode)
        .containsExactly(33002);
  }

  @Test
  void oddUserIdsGetSafeFileNames() {
    assertThat(ProbeDatabase.fileFor(dir, "../etc/passwd").getParent()).isEqualTo(dir);
    assertThat(ProbeDatabase.fileFor(dir, "../etc/passwd").getFileName().toString())
        .startsWith("u-");
  }
}
