package dev.nexconn.exporter.config;

import dev.nexconn.exporter.event.EventSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One spike rule of the sidecar. It fires when the signal summed over {@code window} is at least
 * {@code floor} and more than {@code ratio} times the baseline (an EWMA with time constant {@code
 * baselineWindow} of the traffic that already left the window), for at least {@code forDuration}.
 *
 * <pre>{@code
 * - name: NexconnBanSpike
 *   signal: ban
 *   sources: [probe, sdk]
 *   window: 1m
 *   baselineWindow: 30m
 *   floor: 10
 *   ratio: 3
 *   coldStartFloor: 60
 *   for: 0s
 *   severity: critical
 * }</pre>
 *
 * @param name the {@code alertname}
 * @param signal what is counted or sampled
 * @param sources event sources that count ({@code probe}, {@code sdk}, {@code webhook})
 * @param window the detection window
 * @param baselineWindow the EWMA time constant of the baseline
 * @param floor absolute minimum of the windowed value (events per window, or a share)
 * @param ratio the value must exceed {@code ratio * baseline}; 0 disables the baseline test
 * @param coldStartFloor the absolute minimum that replaces the ratio test until the baseline is
 *     warm; by default {@code 2 * floor * ratio}
 * @param forDuration how long the condition must hold before firing
 * @param severity {@code critical}, {@code warning} or {@code info}
 * @param labels extra labels sent with the alert
 * @param annotations summary, description, runbook_url and any others
 * @param enabled false switches a default rule off
 */
public record AlertRuleConfig(
    String name,
    AlertSignal signal,
    Set<EventSource> sources,
    Duration window,
    Duration baselineWindow,
    double floor,
    double ratio,
    double coldStartFloor,
    Duration forDuration,
    String severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    boolean enabled) {

  static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  public AlertRuleConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(signal, "signal");
    sources = Set.copyOf(sources);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  static AlertRuleConfig from(ConfigNode n, List<AlertRuleConfig> defaults) {
    n.requireOnly(
        "name",
        "signal",
        "sources",
        "window",
        "baselineWindow",
        "floor",
        "ratio",
        "coldStartFloor",
        "for",
        "severity",
        "labels",
        "annotations",
        "enabled");
    String name = n.requiredString("name", "the alertname, e.g. NexconnBanSpike");
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new ConfigException(
          n.pathOf("name"), "must be a Prometheus label value like NexconnBanSpike");
    }
    AlertRuleConfig base =
        defaults.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    if (base == null && !n.has("signal")) {
      throw new ConfigException(
          n.pathOf("signal"),
          "is required for a new rule: one of ban, kick, token-expiry, database-recreate,"
              + " user-abandon, probes-down");
    }
    if (base == null) {
      base = AlertRuleDefaults.template(name, n.choice("signal", AlertSignal.class, null));
    }
    AlertSignal signal = n.choice("signal", AlertSignal.class, base.signal());
    Set<EventSource> sources = base.sources();
    if (n.has("sources")) {
      List<String> list = n.strings("sources");
      Set<EventSource> read = EnumSet.noneOf(EventSource.class);
      for (int i = 0; i < list.size(); i++) {
        String raw = list.get(i);
        String at = n.pathOf("sources") + "[" + i + "]";
        read.add(
            EventSource.fromLabel(raw)
                .orElseThrow(
                    () ->
                        new ConfigException(
                            at, "must be one of probe, sdk, webhook, got '" + raw + "'")));
      }
      if (list.isEmpty()) {
        throw new ConfigException(n.pathOf("sources"), "must list at least one source");
      }
      sources = Set.copyOf(read);
    }
    if (signal == AlertSignal.PROBES_DOWN && !sources.equals(Set.of(EventSource.PROBE))) {
      throw new ConfigException(
          n.pathOf("sources"),
          "signal probes-down measures the sidecar's own probe connections: set sources to"
              + " [probe] or leave it out");
    }
    Duration window =
        DurationText.read(n, "window", base.window(), Duration.ofMillis(100), Duration.ofDays(1));
    Duration baselineWindow =
        DurationText.read(
            n, "baselineWindow", base.baselineWindow(), Duration.ofMillis(100), Duration.ofDays(7));
    if (baselineWindow.compareTo(window) < 0) {
      throw new ConfigException(
          n.pathOf("baselineWindow"),
          "must be at least the window ("
              + DurationText.format(window)
              + "): the baseline is the slow average the window is compared with");
    }
    double maxFloor = signal.counting() ? 1e9 : 1.0;
    double floor = n.decimal("floor", base.floor(), 0, maxFloor);
    double ratio = n.decimal("ratio", base.ratio(), 0, 1e6);
    // A default derived from floor and ratio follows them when only they are overridden.
    boolean derived =
        base.coldStartFloor() == AlertRuleDefaults.coldStartFloor(base.floor(), base.ratio());
    double coldStartFloor =
        n.decimal(
            "coldStartFloor",
            derived ? AlertRuleDefaults.coldStartFloor(floor, ratio) : base.coldStartFloor(),
            0,
            signal.counting() ? 1e9 : 1.0);
    if (coldStartFloor < floor && ratio > 0) {
      throw new ConfigException(
          n.pathOf("coldStartFloor"),
          "must be at least the floor ("
              + floor
              + "): it replaces the ratio test until the baseline is warm, got "
              + coldStartFloor);
    }
    Duration forDuration =
        DurationText.read(n, "for", base.forDuration(), Duration.ZERO, Duration.ofDays(1));
    String severity = n.string("severity", base.severity());
    if (!SEVERITIES.contains(severity)) {
      throw new ConfigException(
          n.pathOf("severity"), "must be critical, warning or info, got '" + severity + "'");
    }
    Map<String, String> labels = merged(base.labels(), n, "labels");
    Map<String, String> annotations = merged(base.annotations(), n, "annotations");
    return new AlertRuleConfig(
        name,
        signal,
        sources,
        window,
        baselineWindow,
        floor,
        ratio,
        coldStartFloor,
        forDuration,
        severity,
        labels,
        annotations,
        n.bool("enabled", base.enabled()));
  }

  private static Map<String, String> merged(Map<String, String> base, ConfigNode n, String key) {
    Map<String, String> out = new LinkedHashMap<>(base);
    out.putAll(AlertingConfig.stringMap(n, key));
    return out;
  }
}
