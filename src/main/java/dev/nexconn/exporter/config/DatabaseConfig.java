package dev.nexconn.exporter.config;

import java.nio.file.Path;

/**
 * The probes' local SQLite databases ({@code probes.groups[i].database}): one file per probe user
 * under {@code dir}, opened on connect like the SDK's message database. Turn it off for large
 * fleets.
 *
 * @param enabled whether probes open a database
 * @param dir the data directory (must be writable; an emptyDir volume in Kubernetes)
 */
public record DatabaseConfig(boolean enabled, Path dir) {
  /** On, under {@code <java.io.tmpdir>/nexconn-exporter/probe-db}. */
  public static final DatabaseConfig DEFAULT =
      new DatabaseConfig(
          true, Path.of(System.getProperty("java.io.tmpdir"), "nexconn-exporter", "probe-db"));

  static DatabaseConfig from(ConfigNode n) {
    n.requireOnly("enabled", "dir");
    String dir = n.string("dir", null);
    return new DatabaseConfig(
        n.bool("enabled", DEFAULT.enabled()), dir == null ? DEFAULT.dir() : n.filePath("dir", dir));
  }
}
