package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.config.AlertRuleConfig;
import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates every enabled spike rule on the event stream. Events are counted in the bucket of the
 * sidecar's clock at arrival (an SDK batch may carry old timestamps; arrival is what an on-call
 * person can act on), and a rule that an event touches is evaluated at once, so a spike with {@code
 * for: 0s} fires on the event that crosses the threshold. {@link #evaluate()} runs the time-driven
 * part (windows sliding, {@code for} elapsing, resolving) and is called once per bucket.
 *
 * <pre>{@code
 * SpikeDetector detector = new SpikeDetector(config.alerting(), clock, Map.of("pod", "p-0"));
 * detector.onChange(dispatcher::onChange);
 * bus.subscribe(detector::onEvent);
 * }</pre>
 *
 * <p>All methods are thread-safe.
 */
public final class SpikeDetector {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*\\$(value|baseline|window)\\s*}}");

  private final Clock clock;
  private final Duration retention;
  private final Map<String, String> commonLabels;
  private final List<RuleEvaluator> evaluators = new ArrayList<>();
  private final ProbeShare probes = new ProbeShare();
  private final List<Consumer<Alert>> listeners = new ArrayList<>();

  /**
   * @param config rules and bucket size
   * @param clock the time source of every window and transition
   * @param commonLabels labels added to every alert, e.g. {@code pod}
   */
  public SpikeDetector(AlertingConfig config, Clock clock, Map<String, String> commonLabels) {
    this.clock = clock;
    this.retention = config.resolvedRetention();
    this.commonLabels = Map.copyOf(commonLabels);
    Instant now = clock.instant();
    for (AlertRuleConfig rule : config.rules()) {
      if (rule.enabled()) {
        RuleEvaluator e = new RuleEvaluator(rule, config.bucket());
        e.advance(now);
        evaluators.add(e);
      }
    }
  }

  /** Registers a listener for state changes; it is called with the new snapshot. */
  public synchronized void onChange(Consumer<Alert> listener) {
    listeners.add(listener);
  }

  /** The event sink: subscribe it to the event bus. */
  public void onEvent(ConnectionEvent event) {
    // Most events (an SDK's connecting/connected) touch no rule: those are answered here, without
    // the detector's lock, which every ingest request would otherwise take for every event.
    if (!touchesAnyRule(event)) {
      return;
    }
    List<Alert> changed = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      boolean probeChanged = probes.apply(event);
      EventSource source = event.source();
      for (RuleEvaluator e : evaluators) {
        AlertRuleConfig rule = e.rule();
        if (!rule.sources().contains(source)) {
          continue;
        }
        if (rule.signal().counting()) {
          int n = SignalMatcher.count(rule.signal(), event);
          if (n == 0) {
            continue;
          }
          e.advance(now);
          e.add(n);
        } else if (probeChanged) {
          e.advance(now);
          e.sample(probes.value());
        } else {
          continue;
        }
        if (e.evaluate(now, retention)) {
          changed.add(snapshot(e));
        }
      }
    }
    notifyListeners(changed);
  }

  /** True when {@code event} adds to a rule's count or may change the probes' share. */
  private boolean touchesAnyRule(ConnectionEvent event) {
    if (ProbeShare.isProbeStatus(event)) {
      return true;
    }
    EventSource source = event.source();
    for (RuleEvaluator e : evaluators) {
      AlertRuleConfig rule = e.rule();
      if (rule.signal().counting()
          && SignalMatcher.count(rule.signal(), event) > 0
          && rule.sources().contains(source)) {
        return true;
      }
    }
    return false;
  }

  /** Slides every window to now and applies {@code for} and resolution; returns the changes. */
  public List<Alert> evaluate() {
    List<Alert> changed = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (RuleEvaluator e : evaluators) {
        e.advance(now);
        if (e.evaluate(now, retention)) {
          changed.add(snapshot(e));
        }
      }
    }
    notifyListeners(changed);
    return changed;
  }

  /** A snapshot of every rule's alert, in config order. */
  public synchronized List<Alert> alerts() {
    List<Alert> out = new ArrayList<>();
    for (RuleEvaluator e : evaluators) {
      out.add(snapshot(e));
    }
    return out;
  }

  /** Every rule's baseline, for saving across a restart. */
  synchronized List<SavedBaseline> baselines() {
    return evaluators.stream().map(RuleEvaluator::savedBaseline).toList();
  }

  /**
   * Takes over saved baselines of rules with the same name and shape.
   *
   * @return how many rules took a saved baseline
   */
  synchronized int restore(List<SavedBaseline> saved) {
    int restored = 0;
    for (SavedBaseline b : saved) {
      for (RuleEvaluator e : evaluators) {
        if (e.rule().name().equals(b.rule()) && e.restore(b)) {
          restored++;
        }
      }
    }
    return restored;
  }

  /** The current state of the named rule, INACTIVE for unknown names. */
  public synchronized AlertState state(String alertname) {
    for (RuleEvaluator e : evaluators) {
      if (e.rule().name().equals(alertname)) {
        return e.state();
      }
    }
    return AlertState.INACTIVE;
  }

  private void notifyListeners(List<Alert> changed) {
    if (changed.isEmpty()) {
      return;
    }
    List<Consumer<Alert>> copy;
    synchronized (this) {
      copy = List.copyOf(listeners);
    }
    for (Alert a : changed) {
      copy.forEach(l -> l.accept(a));
    }
  }

  private Alert snapshot(RuleEvaluator e) {
    AlertRuleConfig rule = e.rule();
    Map<String, String> labels = new LinkedHashMap<>(commonLabels);
    labels.putAll(rule.labels());
    labels.put("alertname", rule.name());
    labels.put("severity", rule.severity());
    double shown = Double.isNaN(e.crossedValue()) ? e.value() : e.crossedValue();
    double shownBaseline = Double.isNaN(e.crossedBaseline()) ? e.baseline() : e.crossedBaseline();
    Map<String, String> annotations = new LinkedHashMap<>();
    rule.annotations().forEach((k, v) -> annotations.put(k, render(v, rule, shown, shownBaseline)));
    return new Alert(
        rule.name(),
        rule.severity(),
        e.state(),
        e.value(),
        e.baseline(),
        e.threshold(),
        e.warm(),
        e.crossedValue(),
        e.crossedBaseline(),
        e.activeAt(),
        e.firingAt(),
        e.resolvedAt(),
        labels,
        annotations);
  }

  private static String render(String text, AlertRuleConfig rule, double value, double baseline) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement =
          switch (m.group(1)) {
            case "value" -> number(value);
            case "baseline" -> number(baseline);
            default -> windowText(rule.window());
          };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  static String windowText(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
