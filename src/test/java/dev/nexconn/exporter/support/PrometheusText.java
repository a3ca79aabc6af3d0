package dev.nexconn.exporter.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads samples and metric families out of Prometheus text exposition, for assertions. */
public final class PrometheusText {
  private PrometheusText() {}

  /**
   * The value of the sample named {@code name} whose labels include all of {@code labels} (given as
   * alternating name, value); 0 when no such sample exists.
   */
  public static double value(String text, String name, String... labels) {
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
    return found ? sum : 0;
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
