package dev.nexconn.exporter.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final List<Consumer<String>> onDropped = new ArrayList<>();

  /**
   * The labelled versions: an immutable snapshot, replaced under the lock, so that the per-event
   * check is a read of a volatile field and a set lookup, with no lock shared by every request.
   */
  private volatile Set<String> labelled = Set.of();

  private volatile long periodEndMillis;

  AppVersionRanking(int topN, Clock clock) {
    this.topN = topN;
    this.clock = clock;
    this.periodEndMillis = clock.millis() + PERIOD.toMillis();
  }

  /** Registers a callback for versions that lose their label. */
  synchronized void onDropped(Consumer<String> callback) {
    onDropped.add(callback);
  }

  /**
   * True when {@code version} has its own label now; counts it for the next ranking. Only the end
   * of a period and the first sight of a new version take the lock; counting is a {@link LongAdder}
   * (an event counted while a ranking is being taken may miss that ranking: the ranking is an
   * estimate, the counters in {@code /metrics} are not affected).
   */
  boolean admit(String version) {
    List<String> dropped = List.of();
    List<Consumer<String>> callbacks = List.of();
    long now = clock.millis();
    if (now >= periodEndMillis) {
      synchronized (this) {
        if (now >= periodEndMillis) {
          dropped = rerank();
          periodEndMillis = now + PERIOD.toMillis();
          callbacks = List.copyOf(onDropped);
        }
      }
    }
    LongAdder count = counts.get(version);
    if (count == null && counts.size() < MAX_CANDIDATES) {
      count = counts.computeIfAbsent(version, v -> new LongAdder());
    }
    if (count != null) {
      count.increment();
    }
    Set<String> current = labelled;
    boolean admitted = current.contains(version);
    if (!admitted && current.size() < topN) {
      synchronized (this) {
        Set<String> latest = labelled;
        if (!latest.contains(version) && latest.size() < topN) {
          Set<String> next = new LinkedHashSet<>(latest);
          next.add(version);
          labelled = Collections.unmodifiableSet(next);
        }
        admitted = labelled.contains(version);
      }
    }
    for (String v : dropped) {
      for (Consumer<String> c : callbacks) {
        c.accept(v);
      }
    }
    return admitted;
  }

  /**
   * Counts {@code n} more events of {@code version} for the next ranking, without asking for its
   * label: the rest of a batch whose first event went through {@link #admit}.
   */
  void count(String version, long n) {
    LongAdder count = counts.get(version);
    if (count != null) {
      count.add(n);
    }
  }

  private List<String> rerank() {
    Map<String, Long> totals = new HashMap<>();
    counts.forEach((v, n) -> totals.put(v, n.sum()));
    counts.clear();
    List<String> ranked = new ArrayList<>(totals.keySet());
    ranked.sort(
        Comparator.comparing((String v) -> totals.get(v))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    Set<String> top = new LinkedHashSet<>(ranked.subList(0, Math.min(topN, ranked.size())));
    List<String> dropped = new ArrayList<>();
    for (String v : labelled) {
      if (!top.contains(v)) {
        dropped.add(v);
      }
    }
    labelled = Collections.unmodifiableSet(top);
    return dropped;
  }
}
