package dev.nexconn.exporter.alerting;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The spike rules' baselines on the data volume, one JSON document:
 *
 * <pre>{@code
 * {"version":1,"savedAt":1764316800000,"rules":[{"rule":"NexconnBanSpike","signal":"BAN",
 *   "bucketMillis":1000,"windowMillis":60000,"baselineWindowMillis":1800000,
 *   "ewma":0.42,"weight":0.99,"buckets":7200}]}
 * }</pre>
 *
 * Writes go to a temporary file in the same directory that is then moved over the old one, so a
 * crash mid-write leaves the previous file intact. The file holds one entry per rule, so its size
 * is bounded by the rule count; a file larger than {@link #MAX_BYTES} is refused unread.
 */
final class BaselineFile {
  /** Far above what any rule set writes (about 250 bytes a rule). */
  static final int MAX_BYTES = 1 << 20;

  private static final int VERSION = 1;

  private final Path path;

  BaselineFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** Writes the baselines atomically. */
  void write(List<SavedBaseline> baselines, Instant savedAt) throws IOException {
    JsonArray rules = new JsonArray();
    baselines.forEach(b -> rules.add(b.toJson()));
    byte[] bytes =
        new JsonObject()
            .put("version", VERSION)
            .put("savedAt", savedAt.toEpochMilli())
            .put("rules", rules)
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** What reading the file found. */
  sealed interface Outcome {}

  /** No file yet: a first start. */
  record Missing() implements Outcome {}

  /** Usable baselines, saved {@code age} ago. */
  record Loaded(List<SavedBaseline> baselines, Duration age) implements Outcome {}

  /** A file that exists but cannot be used, and why (for the log line). */
  record Unusable(String reason) implements Outcome {}

  /**
   * Reads the file.
   *
   * @param now the current time, to judge the file's age
   * @param maxAge files older than this are {@link Unusable} (stale)
   */
  Outcome read(Instant now, Duration maxAge) {
    byte[] bytes;
    try {
      if (Files.size(path) > MAX_BYTES) {
        return new Unusable("larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return new Missing();
    } catch (IOException e) {
      return new Unusable("cannot be read: " + e.getClass().getSimpleName());
    }
    try {
      JsonObject doc = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      Integer version = doc.getInteger("version");
      if (version == null || version != VERSION) {
        return new Unusable("version " + version + " is not " + VERSION);
      }
      Long savedAt = doc.getLong("savedAt");
      if (savedAt == null) {
        return new Unusable("field savedAt is missing");
      }
      Duration age = Duration.between(Instant.ofEpochMilli(savedAt), now);
      if (age.isNegative()) {
        return new Unusable("saved in the future (" + Instant.ofEpochMilli(savedAt) + ")");
      }
      if (age.compareTo(maxAge) > 0) {
        return new Unusable("stale: saved " + age.toSeconds() + "s ago, maxAge is " + maxAge);
      }
      JsonArray rules = doc.getJsonArray("rules");
      if (rules == null) {
        return new Unusable("field rules is missing");
      }
      List<SavedBaseline> out = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        out.add(SavedBaseline.fromJson(rules.getJsonObject(i)));
      }
      return new Loaded(out, age);
    } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
      return new Unusable("not a baseline file: " + shortReason(e));
    }
  }

  private static String shortReason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > 120 ? m.substring(0, 120) : m;
  }
}
