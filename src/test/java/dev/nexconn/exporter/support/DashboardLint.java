package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lint rules in the spirit of grafana/dashboard-linter, on a dashboard's JSON: a datasource
 * variable used by every panel and query, {@code $__rate_interval} as the range of every {@code
 * rate}/{@code irate}, a unit, a title and a description on every panel, counters read only through
 * {@code rate}/{@code irate}/{@code increase}, unique panel ids and no overlapping grid positions.
 * Each problem reads "rule: where: what".
 *
 * <pre>{@code
 * List<String> problems = DashboardLint.check(GrafanaDashboards.read(file));
 * }</pre>
 */
public final class DashboardLint {
  private static final String DS = "${datasource}";
  private static final Pattern RATE_RANGE =
      Pattern.compile(
          "\\b(?:rate|irate)\\s*\\(\\s*[a-zA-Z_:][a-zA-Z0-9_:]*\\s*(?:\\{[^}]*})?\\s*\\[([^\\]]*)]");

  /** A raw counter series: the name ends in _total, _bucket, _sum or _count and has no colon. */
  private static final Pattern COUNTER =
      Pattern.compile(
          "(?<![\\w:\"])([a-zA-Z_][a-zA-Z0-9_]*_(?:total|bucket|sum|count))\\b(?![:\\w])\\s*(\\{[^}]*})?");

  private static final Pattern COUNTER_FUNCTION =
      Pattern.compile("\\b(?:rate|irate|increase)\\s*\\(\\s*$");

  private DashboardLint() {}

  /** Every problem found; empty when the dashboard passes every rule. */
  public static List<String> check(JsonNode dashboard) {
    List<String> problems = new ArrayList<>();
    boolean hasDatasourceVariable = false;
    for (JsonNode v : dashboard.path("templating").path("list")) {
      hasDatasourceVariable |=
          v.path("type").asText().equals("datasource")
              && v.path("name").asText().equals("datasource");
    }
    if (!hasDatasourceVariable) {
      problems.add(
          "template-datasource-rule: dashboard: no variable 'datasource' of type datasource");
    }
    Set<Integer> ids = new HashSet<>();
    List<JsonNode> placed = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      String where = "panel " + p.path("id").asText() + " '" + p.path("title").asText() + "'";
      if (!ids.add(p.path("id").asInt(-1)) || !p.path("id").isInt()) {
        problems.add("panel-id-unique-rule: " + where + ": id missing or used twice");
      }
      for (JsonNode other : placed) {
        if (overlap(p.path("gridPos"), other.path("gridPos"))) {
          problems.add(
              "panel-grid-overlap-rule: "
                  + where
                  + ": overlaps panel "
                  + other.path("id").asText());
        }
      }
      placed.add(p);
      if (p.path("gridPos").path("x").asInt() + p.path("gridPos").path("w").asInt() > 24) {
        problems.add("panel-grid-overlap-rule: " + where + ": wider than the 24 grid columns");
      }
      if (p.path("type").asText().equals("row")) {
        continue;
      }
      if (p.path("title").asText().isBlank()) {
        problems.add("panel-title-description-rule: " + where + ": no title");
      }
      if (p.path("description").asText().isBlank()) {
        problems.add("panel-title-description-rule: " + where + ": no description");
      }
      if (p.path("fieldConfig").path("defaults").path("unit").asText().isBlank()) {
        problems.add("panel-units-rule: " + where + ": no unit in fieldConfig.defaults");
      }
      if (!DS.equals(p.path("datasource").path("uid").asText())) {
        problems.add("panel-datasource-rule: " + where + ": data source is not " + DS);
      }
      for (JsonNode t : p.path("targets")) {
        String target = where + " target " + t.path("refId").asText();
        if (!DS.equals(t.path("datasource").path("uid").asText())) {
          problems.add("target-datasource-rule: " + target + ": data source is not " + DS);
        }
        problems.addAll(checkExpr(t.path("expr").asText(), target));
      }
    }
    return problems;
  }

  /** The PromQL rules on one expression. */
  public static List<String> checkExpr(String expr, String where) {
    List<String> problems = new ArrayList<>();
    Matcher r = RATE_RANGE.matcher(expr);
    while (r.find()) {
      if (!r.group(1).equals("$__rate_interval")) {
        problems.add(
            "target-rate-interval-rule: "
                + where
                + ": rate range ["
                + r.group(1)
                + "] is not [$__rate_interval]");
      }
    }
    Matcher c = COUNTER.matcher(expr);
    while (c.find()) {
      String before = expr.substring(0, c.start());
      boolean ranged = expr.substring(c.end()).stripLeading().startsWith("[");
      if (!COUNTER_FUNCTION.matcher(before).find() || !ranged) {
        problems.add(
            "target-counter-agg-rule: "
                + where
                + ": counter "
                + c.group(1)
                + " is not inside rate(), irate() or increase()");
      }
    }
    return problems;
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
  }
}
