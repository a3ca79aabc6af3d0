package dev.nexconn.exporter.metrics;

import java.util.List;

/**
 * How the SDK-report metrics keep their label sets bounded.
 *
 * @param appVersionAllow app versions that keep their own {@code app_version} label; when empty,
 *     the top {@code appVersionTopN} versions by events do ({@link AppVersionRanking})
 * @param appVersionTopN how many versions get a label without an allow-list
 * @param maxSeriesPerMetric hard cap of label combinations per SDK-report metric; new combinations
 *     beyond it are folded into one {@code other} series and counted
 */
public record LabelLimits(
    List<String> appVersionAllow, int appVersionTopN, int maxSeriesPerMetric) {
  /** The documented defaults: no allow-list, 20 versions, 2000 series per metric. */
  public static final LabelLimits DEFAULT = new LabelLimits(List.of(), 20, 2000);

  public LabelLimits {
    appVersionAllow = List.copyOf(appVersionAllow);
  }
}
