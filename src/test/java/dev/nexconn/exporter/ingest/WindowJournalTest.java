package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ManualClock;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, "a restart forgets batch ids": the window written ahead and read back. */
class WindowJournalTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T07:00:00Z"));
  @TempDir Path dir;

  BatchWindow<JsonObject> window() {
    return new BatchWindow<>(Duration.ofMinutes(10), 1000, clock);
  }

  @Test
  void idsRememberedBeforeARestartAreKnownAfterIt() throws Exception {
    Path file = dir.resolve("window");
    BatchWindow<JsonObject> before = window();
    WindowJournal.attach(file, before, 1000, clock);
    for (int i = 0; i < 50; i++) {
      before.remember("events|b" + i, new JsonObject().put("accepted", i));
    }
    BatchWindow<JsonObject> after = window();
    WindowJournal.attach(file, after, 1000, clock);
    assertThat(after.size()).isEqualTo(50);
    assertThat(after.lookup("events|b49")).contains(new JsonObject().put("accepted", 49));
  }

  @Test
  void expiredIdsAndALineCutShortByAKillAreDropped() throws Exception {
    Path file = dir.resolve("window");
    BatchWindow<JsonObject> before = window();
    WindowJournal.attach(file, before, 1000, clock);
    before.remember("events|old", new JsonObject().put("accepted", 1));
    clock.advance(Duration.ofMinutes(9));
    before.remember("events|new", new JsonObject().put("accepted", 2));
    Files.writeString(
        file, Files.readString(file) + "17958", java.nio.file.StandardOpenOption.WRITE);
    clock.advance(Duration.ofMinutes(2));
    BatchWindow<JsonObject> after = window();
    WindowJournal.attach(file, after, 1000, clock);
    assertThat(after.lookup("events|old")).isEmpty();
    assertThat(after.lookup("events|new")).isPresent();
    assertThat(Files.readAllLines(file)).hasSize(1);
  }

  @Test
  void theFileIsCompactedSoItStaysBounded() throws Exception {
    Path file = dir.resolve("window");
    BatchWindow<JsonObject> w = new BatchWindow<>(Duration.ofMinutes(10), 10, clock);
    WindowJournal.attach(file, w, 10, clock);
    for (int i = 0; i < 5000; i++) {
      w.remember("events|b" + i, new JsonObject().put("accepted", 1));
    }
    // Compacted every 1000 lines (the floor) to the 10 live ids.
    assertThat(Files.readAllLines(file).size()).isLessThanOrEqualTo(1010);
    assertThat(w.size()).isEqualTo(10);
  }

  @Test
  void theWindowIsBoundedInBytesToo() {
    BatchWindow<JsonObject> w =
        new BatchWindow<>(Duration.ofMinutes(10), 1_000_000, 10_000, v -> 500, clock);
    for (int i = 0; i < 1000; i++) {
      w.remember("events|b" + i, new JsonObject());
    }
    assertThat(w.bytes()).isLessThanOrEqualTo(10_000);
    assertThat(w.size()).isBetween(10, 20);
    assertThat(w.lookup("events|b999")).isPresent();
    assertThat(w.lookup("events|b0")).isEmpty();
  }
}
