package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a real Prometheus saw during a test run: alerts that fired, dashboard expressions that had
 * data, and the names on a {@code /metrics} page and in a rules file, for end-to-end assertions.
 */
public final class PrometheusEvidence {
  private PrometheusEvidence() {}

  /** Alert names that were firing (the {@code ALERTS} series) at any moment since {@code since}. */
  public static TreeSet<String> firedAlerts(PrometheusServer prometheus, Instant since)
      throws IOException, InterruptedException {
    long seconds = Duration.between(since, Instant.now()).toSeconds() + 5;
    JsonNode result =
        prometheus
            .query(
                "max by (alertname) (max_over_time(ALERTS{alertstate=\"firing\"}["
                    + seconds
                    + "s]))")
            .path("result");
    TreeSet<String> names = new TreeSet<>();
    result.forEach(r -> names.add(r.path("metric").path("alertname").asText()));
    return names;
  }

  /**
   * Every dashboard expression (with {@link GrafanaDashboards#expand}) that Prometheus rejects or
   * that had no finite value at any 1 s step since {@code since}, as "file: problem: expression";
   * expressions in {@code exempt} (as written in the dashboard) are skipped.
   */
  public static List<String> dashboardExpressionsWithoutData(
      PrometheusServer prometheus, Instant since, Set<String> exempt)
      throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    Instant end = Instant.now();
    for (Path file : GrafanaDashboards.files()) {
      for (String expr : GrafanaDashboards.expressions(GrafanaDashboards.read(file))) {
        if (exempt.contains(expr)) {
          continue;
        }
        String expanded = GrafanaDashboards.expand(expr);
        try {
          JsonNode data = prometheus.queryRange(expanded, since, end, Duration.ofSeconds(1));
          if (!hasFiniteValue(data.path("result"))) {
            missing.add(file.getFileName() + ": no data: " + expanded);
          }
        } catch (AssertionError e) {
          missing.add(file.getFileName() + ": " + e.getMessage());
        }
      }
    }
    return missing;
  }

  /** The {@code expr} of every rule in a Prometheus rules file. */
  public static List<String> ruleExpressions(Path rulesFile) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(rulesFile.toFile());
    List<String> out = new ArrayList<>();
    for (JsonNode g : root.path("groups")) {
      for (JsonNode r : g.path("rules")) {
        out.add(r.path("expr").asText());
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern STRING =
      java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final java.util.regex.Pattern GROUPING =
      java.util.regex.Pattern.compile(
          "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "offset", "bool", "group_left", "group_right", "inf", "nan");

  /**
   * Every series name a PromQL expression reads, written with or without label matchers ({@code up
   * == 0}, {@code x / y}, {@code rate(x[5m])}): the identifiers left once strings, label matchers,
   * ranges and grouping clauses are removed, except function names and keywords.
   */
  public static TreeSet<String> seriesNames(String expr) {
    String e = STRING.matcher(expr).replaceAll("\"\"");
    e = e.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^\\]]*]", " ");
    e = GROUPING.matcher(e).replaceAll(" ");
    TreeSet<String> names = new TreeSet<>();
    java.util.regex.Matcher m = NAME.matcher(e);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The sample names of a text exposition ({@code x_sum}, {@code x_bucket}, not families). */
  public static TreeSet<String> sampleNames(String exposition) {
    TreeSet<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
          end++;
        }
        names.add(line.substring(0, end));
      }
    }
    return names;
  }

  private static boolean hasFiniteValue(JsonNode matrix) {
    for (JsonNode series : matrix) {
      for (JsonNode point : series.path("values")) {
        String v = point.path(1).asText();
        if (!v.equals("NaN") && !v.endsWith("Inf")) {
          return true;
        }
      }
    }
    return false;
  }
}
