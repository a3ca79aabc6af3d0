package dev.nexconn.exporter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reconnect schedule of a probe group ({@code probes.groups[i].reconnect}).
 *
 * @param schedule the wait before retry 1, 2, ...; the last step repeats
 * @param jitter full jitter: each wait is drawn uniformly from zero to the step
 */
public record ReconnectConfig(List<Duration> schedule, boolean jitter) {
  /** The SDK's schedule in seconds: 0.05, 0.25, 0.5, 1, 2, 4, 8, 16, 32, then every 64. */
  public static final List<Double> SDK_SCHEDULE_SECONDS =
      List.of(0.05, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0);

  public ReconnectConfig {
    schedule = List.copyOf(schedule);
  }

  static ReconnectConfig from(ConfigNode n) {
    n.requireOnly("schedule", "scheduleSeconds", "jitter");
    List<Duration> steps = new ArrayList<>();
    if (n.has("schedule") && n.has("scheduleSeconds")) {
      throw new ConfigException(
          n.pathOf("scheduleSeconds"),
          "is the older spelling of schedule: set schedule (e.g. [1s, 2s, 4s]) and remove this one");
    }
    if (n.has("schedule")) {
      List<String> raw = n.strings("schedule");
      if (raw.isEmpty()) {
        throw new ConfigException(
            n.pathOf("schedule"), "must list at least one wait, e.g. [50ms, 1s, 2s]");
      }
      for (int i = 0; i < raw.size(); i++) {
        Duration d = DurationText.parse(raw.get(i));
        String key = n.pathOf("schedule") + "[" + i + "]";
        if (d == null) {
          throw new ConfigException(
              key,
              "must be a duration such as " + DurationText.EXAMPLES + ", got '" + raw.get(i) + "'");
        }
        if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
          throw new ConfigException(key, "must be between 1ms and 1d, got '" + raw.get(i) + "'");
        }
        steps.add(d);
      }
    } else if (n.has("scheduleSeconds")) {
      List<String> raw = n.strings("scheduleSeconds");
      if (raw.isEmpty()) {
        throw new ConfigException(
            n.pathOf("scheduleSeconds"), "must list at least one wait in seconds, e.g. [1, 2, 4]");
      }
      for (int i = 0; i < raw.size(); i++) {
        String key = n.pathOf("scheduleSeconds") + "[" + i + "]";
        double s;
        try {
          s = Double.parseDouble(raw.get(i));
        } catch (NumberFormatException e) {
          throw new ConfigException(key, "must be a number of seconds, got '" + raw.get(i) + "'");
        }
        if (!(s >= 0.001 && s <= 86_400)) {
          throw new ConfigException(key, "must be between 0.001 and 86400 seconds, got " + s);
        }
        steps.add(Duration.ofNanos((long) (s * 1e9)));
      }
    } else {
      SDK_SCHEDULE_SECONDS.forEach(s -> steps.add(Duration.ofNanos((long) (s * 1e9))));
    }
    return new ReconnectConfig(steps, n.bool("jitter", true));
  }
}
