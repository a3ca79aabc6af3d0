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
import org.slf4j.spi.LoggingEventBuilder;

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

  private final Clock clock;
  private final Consumer<Map<String, Object>> sink;
  private final Map<String, long[]> seen = new HashMap<>();

  ProbeProblemLog(Clock clock) {
    this(clock, ProbeProblemLog::warn);
  }

  ProbeProblemLog(Clock clock, Consumer<Map<String, Object>> sink) {
    this.clock = clock;
    this.sink = sink;
  }

  /**
   * Logs {@code event, group, status, code, suppressed, error} (key-value pairs, in that order)
   * unless the same group, event and status were logged less than {@link #INTERVAL} ago; then only
   * counts it.
   */
  void report(String event, String group, ConnectionStatus status, int code, String error) {
    long now = clock.millis();
    String key = event + '\n' + group + '\n' + status.label();
    long suppressed;
    synchronized (seen) {
      // [0]: when the last line was written, [1]: occurrences held back since.
      long[] state = seen.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE, 0});
      if (state[0] != Long.MIN_VALUE && now - state[0] < INTERVAL.toMillis()) {
        state[1]++;
        return;
      }
      suppressed = state[1];
      state[0] = now;
      state[1] = 0;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.put("group", group);
    line.put("status", status.label());
    line.put("code", code);
    line.put("suppressed", suppressed);
    line.put("error", error);
    sink.accept(line);
  }

  private static void warn(Map<String, Object> line) {
    LoggingEventBuilder b = LOG.atWarn();
    line.forEach(b::addKeyValue);
    b.log();
  }
}
