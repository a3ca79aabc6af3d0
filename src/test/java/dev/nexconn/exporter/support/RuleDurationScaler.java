package dev.nexconn.exporter.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Divides every duration literal of a Prometheus rules file by one factor, so that rules written
 * for minutes and hours fire within a test run. Only the places where Prometheus reads a duration
 * change: range selectors and subqueries ({@code [5m]}, {@code [1h:1m]}), {@code offset 5m}, and
 * the {@code for:} / {@code keep_firing_for:} values. Every other byte (thresholds, labels,
 * annotations such as "in the last 5m") stays as it is.
 *
 * <p>Dividing everything by the same factor keeps the rules' meaning: a window is still the same
 * number of evaluation steps of its subquery, so a warm-up of "10 samples of 1m" becomes "10
 * samples of 1s" with a factor of 60.
 *
 * <pre>{@code
 * RuleDurationScaler.divide("rate(x[5m]) offset 1h", 60)   // "rate(x[5s]) offset 1m"
 * }</pre>
 */
public final class RuleDurationScaler {
  private static final String DURATION = "(?:\\d+(?:ms|s|m|h|d|w|y))+";
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
  private static final Pattern RANGE =
      Pattern.compile("\\[(" + DURATION + ")(?::(" + DURATION + ")?)?]");
  private static final Pattern OFFSET = Pattern.compile("(\\boffset\\s+)(" + DURATION + ")\\b");
  private static final Pattern FOR =
      Pattern.compile("(?m)^(\\s*(?:for|keep_firing_for):\\s*)(" + DURATION + ")(\\s*)$");

  private RuleDurationScaler() {}

  /**
   * {@code rules} with every duration literal divided by {@code factor}; fails when a literal does
   * not divide into whole milliseconds.
   */
  public static String divide(String rules, int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be at least 1, got " + factor);
    }
    String out = replaceRanges(rules, factor);
    out = replaceGroup(out, OFFSET, factor);
    return replaceGroup(out, FOR, factor);
  }

  /** A Prometheus duration ({@code 1h30m}, {@code 500ms}) in milliseconds. */
  public static long millis(String duration) {
    Matcher m = PART.matcher(duration);
    long total = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("not a Prometheus duration: " + duration);
      }
      total += Long.parseLong(m.group(1)) * unitMillis(m.group(2));
      end = m.end();
    }
    if (end != duration.length() || end == 0) {
      throw new IllegalArgumentException("not a Prometheus duration: " + duration);
    }
    return total;
  }

  /** Milliseconds as the shortest Prometheus duration: {@code 120000} is {@code 2m}. */
  public static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    for (String unit : new String[] {"w", "d", "h", "m", "s"}) {
      long u = unitMillis(unit);
      if (millis % u == 0) {
        return millis / u + unit;
      }
    }
    return millis + "ms";
  }

  private static String replaceRanges(String text, int factor) {
    Matcher m = RANGE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      StringBuilder range = new StringBuilder("[").append(scaled(m.group(1), factor));
      if (m.group(0).contains(":")) {
        range.append(':');
        if (m.group(2) != null) {
          range.append(scaled(m.group(2), factor));
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(range.append(']').toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replaceGroup(String text, Pattern pattern, int factor) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String tail = m.groupCount() >= 3 ? m.group(3) : "";
      m.appendReplacement(
          out, Matcher.quoteReplacement(m.group(1) + scaled(m.group(2), factor) + tail));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String scaled(String duration, int factor) {
    long ms = millis(duration);
    if (ms % factor != 0) {
      throw new IllegalArgumentException(
          duration + " does not divide by " + factor + " into whole milliseconds");
    }
    return format(ms / factor);
  }

  private static long unitMillis(String unit) {
    switch (unit) {
      case "ms":
        return 1;
      case "s":
        return 1_000;
      case "m":
        return 60_000;
      case "h":
        return 3_600_000;
      case "d":
        return 86_400_000;
      case "w":
        return 7 * 86_400_000L;
      case "y":
        return 365 * 86_400_000L;
      default:
        throw new IllegalArgumentException("unknown duration unit " + unit);
    }
  }
}
