package dev.nexconn.exporter.alerting;

import io.vertx.core.json.JsonObject;

/**
 * One rule's baseline as written to the baseline file: enough to resume the EWMA after a restart,
 * and the rule's shape so that a baseline learnt under another window or bucket is not reused.
 *
 * @param rule the alertname
 * @param signal the signal's enum name
 * @param bucketMillis the evaluation bucket it was learnt with
 * @param windowMillis the rule's window
 * @param baselineWindowMillis the EWMA time constant
 * @param ewma the weighted sum of buckets that left the window
 * @param weight the EWMA weight (the bias correction's denominator)
 * @param buckets how many buckets fed the baseline; at least one window's worth means warm
 */
record SavedBaseline(
    String rule,
    String signal,
    long bucketMillis,
    long windowMillis,
    long baselineWindowMillis,
    double ewma,
    double weight,
    long buckets) {

  boolean matches(SavedBaseline current) {
    return rule.equals(current.rule)
        && signal.equals(current.signal)
        && bucketMillis == current.bucketMillis
        && windowMillis == current.windowMillis
        && baselineWindowMillis == current.baselineWindowMillis;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("rule", rule)
        .put("signal", signal)
        .put("bucketMillis", bucketMillis)
        .put("windowMillis", windowMillis)
        .put("baselineWindowMillis", baselineWindowMillis)
        .put("ewma", ewma)
        .put("weight", weight)
        .put("buckets", buckets);
  }

  /**
   * Reads one entry.
   *
   * @throws IllegalArgumentException when a field is missing, of the wrong type or out of range
   */
  static SavedBaseline fromJson(JsonObject o) {
    try {
      SavedBaseline b =
          new SavedBaseline(
              require(o.getString("rule"), "rule"),
              require(o.getString("signal"), "signal"),
              require(o.getLong("bucketMillis"), "bucketMillis"),
              require(o.getLong("windowMillis"), "windowMillis"),
              require(o.getLong("baselineWindowMillis"), "baselineWindowMillis"),
              require(o.getDouble("ewma"), "ewma"),
              require(o.getDouble("weight"), "weight"),
              require(o.getLong("buckets"), "buckets"));
      if (!(b.ewma >= 0) || !(b.weight >= 0 && b.weight <= 1) || b.buckets < 0) {
        throw new IllegalArgumentException("ewma, weight or buckets out of range");
      }
      return b;
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("a field has the wrong type");
    }
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field " + field + " is missing");
    }
    return value;
  }
}
