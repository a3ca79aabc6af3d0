package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Negative fixtures for the dashboard checks: the shipped dashboard with exactly one thing broken.
 * Each must fail its check, and for the reason its name says.
 *
 * <pre>{@code
 * JsonNode broken = BrokenDashboards.MISSPELT_KEY.apply(GrafanaDashboards.read(file));
 * }</pre>
 */
public enum BrokenDashboards {
  /** A panel's "gridPos" spelt "gridPoss" (Grafana would silently drop the position). */
  MISSPELT_KEY(p -> ((ObjectNode) p).set("gridPoss", ((ObjectNode) p).remove("gridPos"))),
  /** A panel unit "opss" that Grafana does not know (it would show raw numbers). */
  UNKNOWN_UNIT(p -> ((ObjectNode) p.path("fieldConfig").path("defaults")).put("unit", "opss")),
  /** A counter queried raw, without rate(): the panel would draw an ever-growing total. */
  COUNTER_WITHOUT_RATE(
      p ->
          ((ObjectNode) p.path("targets").get(0))
              .put(
                  "expr",
                  "sum by (cluster, namespace) (nexconn_reconnect_attempts_total{cluster=~\"$cluster\", namespace=~\"$namespace\"})"));

  /** The title of the timeseries panel every fixture breaks ("Reconnect rate", unit ops). */
  public static final String PANEL_TITLE = "Reconnect rate";

  private final Consumer<JsonNode> breakPanel;

  BrokenDashboards(Consumer<JsonNode> breakPanel) {
    this.breakPanel = breakPanel;
  }

  /** A deep copy of {@code dashboard} with this fixture's fault in panel {@link #PANEL_TITLE}. */
  public JsonNode apply(JsonNode dashboard) {
    JsonNode copy = dashboard.deepCopy();
    for (JsonNode p : copy.path("panels")) {
      if (PANEL_TITLE.equals(p.path("title").asText())) {
        breakPanel.accept(p);
        return copy;
      }
    }
    throw new IllegalStateException("no panel titled " + PANEL_TITLE);
  }

  /** The fixture under a name usable as a file name. */
  public static Map.Entry<String, JsonNode> named(BrokenDashboards b, JsonNode dashboard) {
    return Map.entry(b.name().toLowerCase(java.util.Locale.ROOT), b.apply(dashboard));
  }
}
