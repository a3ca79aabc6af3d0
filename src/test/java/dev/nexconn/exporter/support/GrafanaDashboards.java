package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards under {@code dashboards/}: their panels, their PromQL expressions (panel
 * targets and annotation queries), and those expressions with Grafana's variables replaced by what
 * "All" and a default rate interval expand to, ready for Prometheus or promtool.
 */
public final class GrafanaDashboards {
  /** What Grafana substitutes for each variable when every value is selected. */
  public static final Map<String, String> ALL_VALUES =
      Map.of(
          "$__rate_interval", "1m",
          "$__range", "6h",
          "$cluster", ".*",
          "$namespace", ".*",
          "$pod", ".*",
          "$source", ".*",
          "$platform", ".*");

  private static final Pattern METRIC = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?=\\{)");

  private GrafanaDashboards() {}

  /** Every {@code *.json} file of {@code dashboards/}, sorted. */
  public static List<Path> files() {
    try (Stream<Path> s = Files.list(Path.of("dashboards"))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one dashboard. */
  public static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is not valid JSON", e);
    }
  }

  /** The panels, rows excluded, nested row panels included. */
  public static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      if ("row".equals(p.path("type").asText())) {
        p.path("panels").forEach(out::add);
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Every PromQL expression as written, annotation queries included. */
  public static List<String> expressions(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : panels(dashboard)) {
      for (JsonNode t : p.path("targets")) {
        out.add(t.path("expr").asText());
      }
    }
    for (JsonNode a : dashboard.path("annotations").path("list")) {
      if (a.path("target").has("expr")) {
        out.add(a.path("target").path("expr").asText());
      }
    }
    return out;
  }

  /** {@code expr} with every Grafana variable replaced by its "All" value. */
  public static String expand(String expr) {
    String out = expr;
    for (Map.Entry<String, String> e : ALL_VALUES.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  /** The metric names an expression selects (every identifier followed by a label matcher). */
  public static TreeSet<String> metricNames(String expr) {
    TreeSet<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
