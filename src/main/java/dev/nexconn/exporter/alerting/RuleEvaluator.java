package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.config.AlertRuleConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * One rule's sliding window, baseline and lifecycle. Time is cut into buckets; the window is the
 * last {@code window / bucket} buckets. A bucket that leaves the window feeds the baseline, an
 * exponentially weighted mean with time constant {@code baselineWindow}, bias-corrected while it
 * has little history, so the baseline never includes the traffic being judged. The ratio test waits
 * until the baseline has seen one full window ({@link #warm()}); until then the rule's absolute
 * {@code coldStartFloor} stands in for it, so a start in the middle of a wave is not blind. A saved
 * baseline ({@link #savedBaseline()}) restores warmth across a restart. Not thread-safe: {@link
 * SpikeDetector} serialises calls.
 */
final class RuleEvaluator {
  private final AlertRuleConfig rule;
  private final long bucketMillis;
  private final int windowBuckets;
  private final double[] ring;
  private final double decay;
  private long bucket = Long.MIN_VALUE;
  private double windowSum;
  private int filled;
  private double ewma;
  private double ewmaWeight;
  private long baselineBuckets;
  private double sample;

  private AlertState state = AlertState.INACTIVE;
  private double crossedValue = Double.NaN;
  private double crossedBaseline = Double.NaN;
  private Instant activeAt;
  private Instant firingAt;
  private Instant resolvedAt;

  RuleEvaluator(AlertRuleConfig rule, Duration bucket) {
    this.rule = rule;
    this.bucketMillis = bucket.toMillis();
    this.windowBuckets = (int) Math.max(1, rule.window().toMillis() / bucketMillis);
    this.ring = new double[windowBuckets];
    this.decay = Math.exp(-(double) bucketMillis / rule.baselineWindow().toMillis());
  }

  AlertRuleConfig rule() {
    return rule;
  }

  AlertState state() {
    return state;
  }

  /** Moves the window to the bucket holding {@code now}. */
  void advance(Instant now) {
    long target = Math.floorDiv(now.toEpochMilli(), bucketMillis);
    if (bucket == Long.MIN_VALUE) {
      bucket = target;
      startBucket();
      return;
    }
    long steps = target - bucket;
    long ringSteps = Math.min(steps, windowBuckets);
    for (long i = 0; i < ringSteps; i++) {
      bucket++;
      startBucket();
    }
    if (steps > ringSteps) {
      // Idle for longer than a window: every bucket in between was empty (or held the last sample).
      long idle = steps - ringSteps;
      double leaving = rule.signal().counting() ? 0 : sample;
      double keep = Math.pow(decay, idle);
      ewma = ewma * keep + leaving * (1 - keep);
      ewmaWeight = ewmaWeight * keep + (1 - keep);
      baselineBuckets += idle;
      bucket = target;
    }
  }

  private void startBucket() {
    int slot = (int) Math.floorMod(bucket, (long) windowBuckets);
    if (filled == windowBuckets) {
      double leaving = ring[slot];
      ewma = ewma * decay + leaving * (1 - decay);
      ewmaWeight = ewmaWeight * decay + (1 - decay);
      baselineBuckets++;
      windowSum -= leaving;
    } else {
      filled++;
    }
    // A share holds its last value until the next event; a count starts empty.
    ring[slot] = rule.signal().counting() ? 0 : sample;
    windowSum += ring[slot];
  }

  /** Adds events to the current bucket. */
  void add(double amount) {
    int slot = (int) Math.floorMod(bucket, (long) windowBuckets);
    ring[slot] += amount;
    windowSum += amount;
  }

  /** Sets the sampled share for the current bucket (the latest value wins). */
  void sample(double value) {
    int slot = (int) Math.floorMod(bucket, (long) windowBuckets);
    windowSum += value - ring[slot];
    ring[slot] = value;
    sample = value;
  }

  double value() {
    if (filled == 0) {
      return 0;
    }
    // Rounding drift from many add/subtract steps must not leave -0.0000001 behind.
    double sum = Math.max(0, windowSum);
    return rule.signal().counting() ? sum : sum / filled;
  }

  /** Expected value per window: events per window for counts, the mean share for samples. */
  double baseline() {
    if (ewmaWeight == 0) {
      return 0;
    }
    double perBucket = ewma / ewmaWeight;
    return rule.signal().counting() ? perBucket * windowBuckets : perBucket;
  }

  boolean warm() {
    return baselineBuckets >= windowBuckets;
  }

  double threshold() {
    if (rule.ratio() == 0) {
      return rule.floor();
    }
    return warm()
        ? Math.max(rule.floor(), rule.ratio() * baseline())
        : Math.max(rule.floor(), rule.coldStartFloor());
  }

  boolean conditionHolds() {
    double v = value();
    if (v < rule.floor() || v == 0) {
      return false;
    }
    if (rule.ratio() == 0) {
      return true;
    }
    return warm() ? v > rule.ratio() * baseline() : v >= rule.coldStartFloor();
  }

  /** The baseline's state, for saving across a restart. */
  SavedBaseline savedBaseline() {
    return new SavedBaseline(
        rule.name(),
        rule.signal().name(),
        bucketMillis,
        rule.window().toMillis(),
        rule.baselineWindow().toMillis(),
        ewma,
        ewmaWeight,
        baselineBuckets);
  }

  /**
   * Takes over a saved baseline when it was learnt under the same rule shape; the window itself
   * starts empty (the time the sidecar was down is not counted as quiet traffic).
   *
   * @return false when the saved state belongs to a rule of another shape and was ignored
   */
  boolean restore(SavedBaseline saved) {
    if (!saved.matches(savedBaseline())) {
      return false;
    }
    ewma = saved.ewma();
    ewmaWeight = saved.weight();
    baselineBuckets = saved.buckets();
    return true;
  }

  /**
   * Applies the lifecycle at {@code now}; returns true when the state changed.
   *
   * @param retention how long a resolved alert stays resolved before becoming inactive
   */
  boolean evaluate(Instant now, Duration retention) {
    boolean holds = conditionHolds();
    AlertState before = state;
    switch (state) {
      case INACTIVE, RESOLVED -> {
        if (holds) {
          state = AlertState.PENDING;
          activeAt = now;
          firingAt = null;
          resolvedAt = null;
          crossedValue = value();
          crossedBaseline = baseline();
          promoteIfDue(now);
        } else if (state == AlertState.RESOLVED && !now.isBefore(resolvedAt.plus(retention))) {
          state = AlertState.INACTIVE;
        }
      }
      case PENDING -> {
        if (holds) {
          promoteIfDue(now);
        } else {
          state = AlertState.INACTIVE;
          activeAt = null;
        }
      }
      case FIRING -> {
        if (!holds) {
          state = AlertState.RESOLVED;
          resolvedAt = now;
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
    return state != before;
  }

  private void promoteIfDue(Instant now) {
    if (!now.isBefore(activeAt.plus(rule.forDuration()))) {
      state = AlertState.FIRING;
      firingAt = now;
    }
  }

  double crossedValue() {
    return crossedValue;
  }

  double crossedBaseline() {
    return crossedBaseline;
  }

  Instant activeAt() {
    return activeAt;
  }

  Instant firingAt() {
    return firingAt;
  }

  Instant resolvedAt() {
    return resolvedAt;
  }
}
