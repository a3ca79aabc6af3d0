package dev.nexconn.exporter.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every config key and of the emulator's scenarios: a whole number and
 * a unit, the Prometheus way ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}), so
 * that a rule in the sidecar config reads like its twin in the Prometheus rules file. Keys that
 * took a number of seconds before ({@code graceSeconds}, {@code timeoutSeconds}...) are still read
 * as documented aliases of their duration key ({@link #readOrSeconds}).
 */
public final class DurationText {
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
          n.pathOf(key), "must be a duration such as " + EXAMPLES + ", got '" + raw + "'");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ConfigException(
          n.pathOf(key),
          "must be between " + format(min) + " and " + format(max) + ", got '" + raw + "'");
    }
    return d;
  }

  /** What the grammar looks like, for error messages. */
  public static final String EXAMPLES = "500ms, 30s, 5m, 1h or 0s";

  /**
   * Reads {@code key} as a duration, or its older alias {@code secondsAlias} as a number of seconds
   * (a decimal one when {@code decimalAlias}); both set is an error naming the two.
   */
  static Duration readOrSeconds(
      ConfigNode n,
      String key,
      String secondsAlias,
      boolean decimalAlias,
      Duration fallback,
      Duration min,
      Duration max) {
    if (!n.has(secondsAlias)) {
      return read(n, key, fallback, min, max);
    }
    if (n.has(key)) {
      throw new ConfigException(
          n.pathOf(secondsAlias),
          "is the older spelling of " + key + ": set " + key + " (e.g. 30s) and remove this one");
    }
    return seconds(n, secondsAlias, decimalAlias, min, max);
  }

  /** The alias {@code key} as seconds, within {@code min} and {@code max}. */
  static Duration seconds(ConfigNode n, String key, boolean decimal, Duration min, Duration max) {
    if (decimal) {
      double s = n.decimal(key, 0, min.toMillis() / 1000.0, max.toMillis() / 1000.0);
      return Duration.ofMillis(Math.max(min.isZero() ? 0 : 1, Math.round(s * 1000)));
    }
    long minSeconds = min.isNegative() ? Integer.MIN_VALUE : (min.toMillis() + 999) / 1000;
    return Duration.ofSeconds(n.integer(key, 0, minSeconds, max.toSeconds()));
  }

  /** The duration {@code text} spells, or null when it is not in the grammar. */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.trim());
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
  public static String format(Duration d) {
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
