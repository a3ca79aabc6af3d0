package dev.nexconn.exporter.config;

/**
 * What {@code GET /api/v1/summary} shows; read from {@code ingest.summary} (its YAML place since
 * the first release) and applied by {@code http.StatusSummary}.
 *
 * @param recentTransitions how many recent transitions the summary lists
 * @param showProbeUserIds whether the summary shows probe user ids (never SDK users)
 */
public record SummaryConfig(int recentTransitions, boolean showProbeUserIds) {
  /** Defaults: the last 50 transitions, no probe user ids. */
  public static final SummaryConfig DEFAULT = new SummaryConfig(50, false);

  /** Reads {@code summary} under the {@code ingest} node. */
  static SummaryConfig from(ConfigNode ingest) {
    ConfigNode summary = ingest.child("summary");
    summary.requireOnly("recentTransitions", "showProbeUserIds");
    return new SummaryConfig(
        (int) summary.integer("recentTransitions", DEFAULT.recentTransitions(), 0, 10_000),
        summary.bool("showProbeUserIds", DEFAULT.showProbeUserIds()));
  }
}
