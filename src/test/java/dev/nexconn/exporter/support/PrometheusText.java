package dev.nexconn.exporter.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Reads samples and metric families out of Prometheus text exposition, for assertions. */
public final class PrometheusText {
  private PrometheusText() {}

  /**
   * The value of the sample named {@code name} whose labels include all of {@code labels} (given as
   * alternating name, value), summed over every matching sample.
   *
   * @throws AssertionError when no sample matches: a series that was never registered is a broken
   *     feature, not a zero (use {@link #has} to assert that a series is absent)
   */
  public static double value(String text, String name, String... labels) {
    OptionalDouble v = find(text, name, labels);
    if (v.isEmpty()) {
      throw new AssertionError(
          "no sample "
              + name
              + " with labels "
              + String.join(",", labels)
              + "; samples of that name: "
              + samples(text, name).keySet());
    }
    return v.getAsDouble();
  }

  /** True when a sample named {@code name} with all of {@code labels} exists. */
  public static boolean has(String text, String name, String... labels) {
    return find(text, name, labels).isPresent();
  }

  private static OptionalDouble find(String text, String name, String... labels) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      if (!(rest.startsWith("{") || rest.startsWith(" "))) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < labels.length; i += 2) {
        if (!rest.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
          match = false;
          break;
        }
      }
      if (match) {
        found = true;
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /** Metric family name to type, from the {@code # TYPE} lines. */
  public static Map<String, String> families(String text) {
    Map<String, String> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        out.put(parts[2], parts[3]);
      }
    }
    return out;
  }

  /** All sample lines of one family, for failure messages. */
  public static Map<String, Double> samples(String text, String name) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("#") && line.startsWith(name)) {
        int space = line.lastIndexOf(' ');
        out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return out;
  }
}
