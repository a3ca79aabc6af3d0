package dev.nexconn.exporter.support;

/** Order statistics of benchmark samples, each over an array sorted ascending. */
public final class Percentiles {
  private Percentiles() {}

  /** The median (the mean of the middle two for an even count); NaN when empty. */
  public static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The nearest-rank {@code q} quantile: of 10 samples, p99 is the largest; NaN when empty. */
  public static double nearestRank(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
