package dev.nexconn.exporter.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Chooses which app versions keep their own {@code app_version} label when no allow-list is
 * configured: the top N by events over the last ranking period. Until N versions are labelled, a
 * new version is labelled on first sight; at the end of each period the labelled set becomes the
 * period's top N, and a version that drops out (an old release nobody runs any more) is reported to
 * {@code onDropped} so that its series are removed, and counts as {@code other} from then on. At
 * any moment at most N versions are labelled, so the series count stays bounded.
 */
final class AppVersionRanking {
  /** How long one ranking period lasts. */
  static final Duration PERIOD = Duration.ofMinutes(10);

  /** Most distinct versions counted per period; more are not ranked (they stay other). */
  static final int MAX_CANDIDATES = 10_000;

  private final int topN;
  private final Clock clock;
  private final Set<String> labelled = new LinkedHashSet<>();
  private final Map<String, Long> counts = new HashMap<>();
  private final List<Consumer<String>> onDropped = new ArrayList<>();
  private Instant periodEnd;

  AppVersionRanking(int topN, Clock clock) {
    this.topN = topN;
    this.clock = clock;
    this.periodEnd = clock.instant().plus(PERIOD);
  }

  /** Registers a callback for versions that lose their label. */
  synchronized void onDropped(Consumer<String> callback) {
    onDropped.add(callback);
  }

  /** True when {@code version} has its own label now; counts it for the next ranking. */
  boolean admit(String version) {
    List<String> dropped = List.of();
    boolean admitted;
    List<Consumer<String>> callbacks;
    synchronized (this) {
      Instant now = clock.instant();
      if (!now.isBefore(periodEnd)) {
        dropped = rerank();
        periodEnd = now.plus(PERIOD);
      }
      if (counts.containsKey(version) || counts.size() < MAX_CANDIDATES) {
        counts.merge(version, 1L, Long::sum);
      }
      if (!labelled.contains(version) && labelled.size() < topN) {
        labelled.add(version);
      }
      admitted = labelled.contains(version);
      callbacks = List.copyOf(onDropped);
    }
    for (String v : dropped) {
      callbacks.forEach(c -> c.accept(v));
    }
    return admitted;
  }

  private List<String> rerank() {
    List<String> ranked = new ArrayList<>(counts.keySet());
    ranked.sort(
        Comparator.comparing((String v) -> counts.get(v))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    Set<String> top = new LinkedHashSet<>(ranked.subList(0, Math.min(topN, ranked.size())));
    List<String> dropped = new ArrayList<>();
    for (String v : labelled) {
      if (!top.contains(v)) {
        dropped.add(v);
      }
    }
    labelled.clear();
    labelled.addAll(top);
    counts.clear();
    return dropped;
  }
}
