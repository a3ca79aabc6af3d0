package dev.nexconn.exporter.config;

import java.util.List;
import java.util.Objects;

/**
 * How the metrics keep label sets bounded; read from {@code ingest.appVersions} and {@code
 * ingest.maxSeriesPerMetric} (their YAML place since the first release) and applied by {@code
 * metrics.EventMetrics}.
 *
 * <pre>{@code
 * ingest:
 *   appVersions: {allow: ["5.2.1"], topN: 20}
 *   maxSeriesPerMetric: 2000
 * }</pre>
 *
 * @param appVersionAllow app versions that keep their own label; empty means the top {@code
 *     appVersionTopN} by reported events, re-ranked every 10 minutes
 * @param appVersionTopN how many distinct app versions get their own label without an allow-list
 * @param maxSeriesPerMetric hard cap of label combinations per SDK-report metric
 */
public record LabelLimitsConfig(
    List<String> appVersionAllow, int appVersionTopN, int maxSeriesPerMetric) {
  /** Defaults: no allow-list, the top 20 versions, 2000 series per metric. */
  public static final LabelLimitsConfig DEFAULT = new LabelLimitsConfig(List.of(), 20, 2000);

  public LabelLimitsConfig {
    appVersionAllow = List.copyOf(Objects.requireNonNullElse(appVersionAllow, List.of()));
  }

  /** Reads the label limits from the {@code ingest} node. */
  static LabelLimitsConfig from(ConfigNode ingest) {
    LabelLimitsConfig d = DEFAULT;
    ConfigNode versions = ingest.child("appVersions");
    versions.requireOnly("allow", "topN");
    List<String> allow = versions.strings("allow");
    for (int i = 0; i < allow.size(); i++) {
      if (!allow.get(i).matches("[0-9A-Za-z._+-]{1,32}")) {
        throw new ConfigException(
            versions.pathOf("allow") + "[" + i + "]",
            "must be 1-32 characters of letters, digits, '.', '_', '+' or '-'");
      }
    }
    return new LabelLimitsConfig(
        allow,
        (int) versions.integer("topN", d.appVersionTopN(), 0, 1000),
        (int) ingest.integer("maxSeriesPerMetric", d.maxSeriesPerMetric(), 10, 1_000_000));
  }
}
