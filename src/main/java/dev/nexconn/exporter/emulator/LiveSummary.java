package dev.nexconn.exporter.emulator;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-line summary of a running scenario, every few seconds. On a terminal the line is
 * rewritten in place; otherwise (a pipe, a container log) each summary is one plain log line.
 *
 * <pre>{@code
 * [ban-spike 35s/120s] now: ban 5% for 10m | probes online 3 | fleet connected=1890
 * disconn_exception=96 suspend=14 | sdk 212 ev/s, reports failed 0 | webhooks sent 3120
 * }</pre>
 */
final class LiveSummary {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSummary.class);

  private final boolean terminal;
  private final PrintStream out;
  private long lastEvents;
  private long lastMillis;

  LiveSummary(boolean terminal, PrintStream out) {
    this.terminal = terminal;
    this.out = out;
  }

  /** Formats and prints one summary; {@code nowMillis} and the event total give the rate. */
  String print(
      String scenario,
      long elapsedSeconds,
      long totalSeconds,
      String doing,
      int sessions,
      Map<VirtualAppStatus, Integer> fleet,
      long eventsTotal,
      long reportsFailed,
      long webhooksDelivered,
      long nowMillis) {
    double rate =
        lastMillis == 0 || nowMillis <= lastMillis
            ? 0
            : (eventsTotal - lastEvents) * 1000.0 / (nowMillis - lastMillis);
    lastEvents = eventsTotal;
    lastMillis = nowMillis;
    String statuses =
        fleet.entrySet().stream()
            .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
            .limit(4)
            .map(e -> e.getKey().label() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    String line =
        String.format(
            "[%s %ds/%ds] now: %s | probes online %d | fleet %s | sdk %.0f ev/s, reports failed %d"
                + " | webhooks sent %d",
            scenario,
            elapsedSeconds,
            totalSeconds,
            doing,
            sessions,
            statuses.isEmpty() ? "-" : statuses,
            rate,
            reportsFailed,
            webhooksDelivered);
    if (terminal) {
      out.print("\r\033[2K" + line);
      out.flush();
    } else {
      LOG.atInfo()
          .addKeyValue("event", "scenario_summary")
          .addKeyValue("scenario", scenario)
          .addKeyValue("elapsed_s", elapsedSeconds)
          .addKeyValue("doing", doing)
          .addKeyValue("sessions", sessions)
          .addKeyValue("fleet", statuses)
          .addKeyValue("sdk_events_per_s", Math.round(rate))
          .addKeyValue("reports_failed", reportsFailed)
          .addKeyValue("webhooks_sent", webhooksDelivered)
          .log();
    }
    return line;
  }

  /** Ends the in-place line before other output (a new scenario's banner). */
  void newLine() {
    if (terminal) {
      out.println();
    }
  }
}
