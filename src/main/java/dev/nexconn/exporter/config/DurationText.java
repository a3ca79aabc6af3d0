package dev.nexconn.exporter.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the Prometheus way ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}), so
 * that a rule in the sidecar config reads like its twin in the Prometheus rules file.
 */
final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationText() {}

  static Duration read(ConfigNode n, String key, Duration fallback, Duration min, Duration max) {
    String raw = n.string(key, null);
    if (raw == null) {
      return fallback;
    }
    Duration d = parse(raw.trim());
    if (d == null) {
      throw new ConfigException(
          n.pathOf(key), "must be a duration such as 500ms, 30s, 5m, 1h or 0s, got '" + raw + "'");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ConfigException(
          n.pathOf(key),
          "must be between " + format(min) + " and " + format(max) + ", got '" + raw + "'");
    }
    return d;
  }

  static Duration parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /**
   * The shortest exact spelling: {@code 90s} stays {@code 90s}, {@code 300s} becomes {@code 5m}.
   */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
