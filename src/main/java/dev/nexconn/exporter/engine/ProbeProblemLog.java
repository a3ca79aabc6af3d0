package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectionStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning line per probe group and problem (a token that cannot be fetched, a terminal status,
 * an exhausted refresh guard), at most once per {@link #INTERVAL}, with the count of lines held
 * back since the previous one. Without it a wrong App Secret leaves every probe in {@code suspend}
 * with no word in the log. State is per engine and keyed by group and problem, never per probe.
 * Messages never contain a token or secret: they come from the engine or from {@code
 * TokenFetchException}, whose messages are secret-free by contract.
 */
final class ProbeProblemLog {
  static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(ProbeProblemLog.class);

  private final LogThrottle<String> throttle;
  private final Consumer<Map<String, Object>> sink;

  ProbeProblemLog(Clock clock) {
    this(clock, LogThrottle.warnTo(LOG));
  }

  ProbeProblemLog(Clock clock, Consumer<Map<String, Object>> sink) {
    this.throttle = new LogThrottle<>(clock, INTERVAL, new HashMap<>());
    this.sink = sink;
  }

  /**
   * Logs {@code event, group, status, code, suppressed, error} (key-value pairs, in that order)
   * unless the same group, event and status were logged less than {@link #INTERVAL} ago; then only
   * counts it.
   */
  void report(String event, String group, ConnectionStatus status, int code, String error) {
    LogThrottle.Pass pass = throttle.admit(event + '\n' + group + '\n' + status.label());
    if (pass == null) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.put("group", group);
    line.put("status", status.label());
    line.put("code", code);
    line.put("suppressed", pass.suppressed());
    line.put("error", error);
    sink.accept(line);
  }
}
