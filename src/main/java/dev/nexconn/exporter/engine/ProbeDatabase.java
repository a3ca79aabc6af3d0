package dev.nexconn.exporter.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The local SQLite database of one probe user, like the SDK's message database: one file per user
 * under a data directory, tagged with a schema version and the App Key. A missing file is created
 * ({@code recreated = false}); a corrupt file, another schema version or another App Key is deleted
 * and created again ({@code recreated = true}). Blocking: call it off the event loop. The file is
 * closed again at once, so an idle probe holds no database handle.
 */
final class ProbeDatabase {
  /** The schema version this build writes. */
  static final int SCHEMA_VERSION = 1;

  /** What an open found. */
  record Outcome(boolean recreated, Path file) {}

  private ProbeDatabase() {}

  /** The file of {@code userId} under {@code dir}; odd user ids are hashed into a safe name. */
  static Path fileFor(Path dir, String userId) {
    String name =
        userId.matches("[A-Za-z0-9._-]{1,100}") && !userId.startsWith(".")
            ? userId
            : "u-" + sha1(userId);
    return dir.resolve(name + ".db");
  }

  /**
   * Opens (creating or recreating) the database of {@code userId}.
   *
   * @throws IOException when the directory or file cannot be written
   * @throws SQLException when even a fresh file cannot be initialized
   */
  static Outcome open(Path dir, String userId, String appKey) throws IOException, SQLException {
    Files.createDirectories(dir);
    Path file = fileFor(dir, userId);
    boolean existed = Files.exists(file);
    if (existed && matches(file, appKey)) {
      return new Outcome(false, file);
    }
    if (existed) {
      Files.deleteIfExists(file);
      Files.deleteIfExists(Path.of(file + "-journal"));
      Files.deleteIfExists(Path.of(file + "-wal"));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.executeUpdate("CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO meta VALUES (?, ?)")) {
        p.setString(1, "schema_version");
        p.setString(2, Integer.toString(SCHEMA_VERSION));
        p.executeUpdate();
        p.setString(1, "app_key");
        p.setString(2, appKey);
        p.executeUpdate();
      }
      s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
    }
    return new Outcome(existed, file);
  }

  private static boolean matches(Path file, String appKey) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      int version;
      try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
        version = r.next() ? r.getInt(1) : -1;
      }
      if (version != SCHEMA_VERSION) {
        return false;
      }
      String key = null;
      try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'app_key'")) {
        if (r.next()) {
          key = r.getString(1);
        }
      }
      return appKey.equals(key);
    } catch (SQLException e) {
      // "file is not a database", a missing table: the file is unusable and will be rebuilt.
      return false;
    }
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
    }
  }
}
