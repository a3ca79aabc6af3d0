package dev.nexconn.exporter.metrics;

import dev.nexconn.exporter.event.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps label values bounded: app versions by allow-list or top N ({@link AppVersionRanking}),
 * platforms and operating systems by closed sets, and every capped metric below {@link
 * LabelLimits#maxSeriesPerMetric()}. What does not fit becomes {@code other}; a missing value is
 * {@code none}. Folds by the series cap are counted in {@code
 * nexconn_metric_series_folded_total{metric}}.
 */
final class LabelFolding {
  static final String OTHER = "other";
  static final String NONE = "none";
  static final Set<String> OPERATING_SYSTEMS = Set.of("ios", "android", "websocket");

  private final LabelLimits limits;
  private final Set<String> allowed;
  private final AppVersionRanking ranking;
  private final Map<String, Set<String>> seriesByMetric = new ConcurrentHashMap<>();
  private final Map<String, Counter> folded = new HashMap<>();

  LabelFolding(LabelLimits limits, Clock clock) {
    this.limits = limits;
    this.allowed = Set.copyOf(limits.appVersionAllow());
    this.ranking = new AppVersionRanking(limits.appVersionTopN(), clock);
  }

  /**
   * Calls {@code callback} with each app version that loses its label at a re-ranking, after the
   * series cap has forgotten the combinations of {@code metric} whose label {@code position} holds
   * it (so that the cap counts only live series).
   */
  void onVersionDropped(String metric, int position, Consumer<String> callback) {
    ranking.onDropped(
        version -> {
          Set<String> known = seriesByMetric.get(metric);
          if (known != null) {
            known.removeIf(key -> version.equals(key.split("\u0000", -1)[position]));
          }
          callback.accept(version);
        });
  }

  /** Registers the fold counter of each capped metric (Prometheus names). */
  void bindTo(MeterRegistry registry, List<String> cappedMetrics) {
    for (String metric : cappedMetrics) {
      folded.put(
          metric,
          Counter.builder(MetricNames.SERIES_FOLDED)
              .description(
                  "Events whose labels were folded into the other series because the metric hit"
                      + " its series cap")
              .baseUnit("events")
              .tag("metric", metric)
              .register(registry));
    }
  }

  String appVersion(String version) {
    if (version == null || version.isEmpty()) {
      return NONE;
    }
    if (!allowed.isEmpty()) {
      return allowed.contains(version) ? version : OTHER;
    }
    return ranking.admit(version) ? version : OTHER;
  }

  /**
   * Counts {@code n} more events of {@code version} for the app version ranking, after {@link
   * #appVersion} gave the label of the first of them.
   */
  void countAppVersion(String version, long n) {
    if (n > 0 && version != null && !version.isEmpty() && allowed.isEmpty()) {
      ranking.count(version, n);
    }
  }

  /** A platform's label; the platforms are a closed set, so only a missing one folds. */
  static String platform(Platform platform) {
    return platform == null ? NONE : platform.label();
  }

  static String os(String os) {
    if (os == null || os.isEmpty()) {
      return NONE;
    }
    String o = os.toLowerCase(Locale.ROOT);
    return OPERATING_SYSTEMS.contains(o) ? o : OTHER;
  }

  /**
   * Claims a slot under the series cap for a series registered before any event (an alert's zero
   * baseline), without counting a fold: true if the combination is known or fits.
   */
  boolean reserve(String metric, String[] values) {
    Set<String> known = seriesByMetric.computeIfAbsent(metric, m -> ConcurrentHashMap.newKeySet());
    String key = String.join("\u0000", values);
    synchronized (known) {
      if (known.contains(key) || known.size() < limits.maxSeriesPerMetric()) {
        known.add(key);
        return true;
      }
    }
    return false;
  }

  /**
   * The label values to use for one event of a capped metric: {@code values} if the combination is
   * already known or fits under the cap, otherwise {@code values} with every position from {@code
   * firstFoldable} on replaced by {@code other}.
   */
  String[] admit(String metric, String[] values, int firstFoldable) {
    Set<String> known = seriesByMetric.computeIfAbsent(metric, m -> ConcurrentHashMap.newKeySet());
    String key = String.join("\u0000", values);
    if (known.contains(key)) {
      return values;
    }
    synchronized (known) {
      if (known.contains(key) || known.size() < limits.maxSeriesPerMetric()) {
        known.add(key);
        return values;
      }
    }
    Counter c = folded.get(metric);
    if (c != null) {
      c.increment();
    }
    String[] out = values.clone();
    for (int i = firstFoldable; i < out.length; i++) {
      out[i] = OTHER;
    }
    return out;
  }
}
