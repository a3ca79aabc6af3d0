package dev.nexconn.exporter.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code alerting.baselines} section: where the spike rules' baselines are saved so that a
 * restarted sidecar does not start blind.
 *
 * <pre>{@code
 * alerting:
 *   baselines:
 *     file: /var/lib/nexconn/alert-baselines.json   # on the data volume
 *     saveInterval: 1m
 *     maxAge: 2h
 * }</pre>
 *
 * @param file the baseline file; null keeps baselines in memory only
 * @param saveInterval how often the file is rewritten (it is also written at shutdown)
 * @param maxAge a file older than this is stale and ignored at start
 */
public record AlertBaselineConfig(Path file, Duration saveInterval, Duration maxAge) {

  /** No file: baselines live and die with the process. */
  public static AlertBaselineConfig inMemory() {
    return new AlertBaselineConfig(null, Duration.ofMinutes(1), Duration.ofHours(2));
  }

  static AlertBaselineConfig from(ConfigNode n) {
    n.requireOnly("file", "saveInterval", "maxAge");
    String file = n.string("file", null);
    if (file != null && file.isBlank()) {
      throw new ConfigException(
          n.pathOf("file"), "must be a file path on the data volume, or left out");
    }
    return new AlertBaselineConfig(
        file == null ? null : n.filePath("file", file),
        DurationText.read(
            n, "saveInterval", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)),
        DurationText.read(
            n, "maxAge", Duration.ofHours(2), Duration.ofMinutes(1), Duration.ofDays(7)));
  }
}
