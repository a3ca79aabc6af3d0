package dev.nexconn.exporter.alerting;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one rule's alert.
 *
 * @param name the {@code alertname}
 * @param severity {@code critical}, {@code warning} or {@code info}
 * @param state the lifecycle state
 * @param value the signal over the window now (events per window, or a share)
 * @param baseline the expected value per window from the slow baseline now
 * @param threshold what the value must reach now: {@code max(floor, ratio * baseline)}
 * @param baselineReady false while the baseline has seen less than one window of history (the ratio
 *     test, and so a rule with {@code ratio > 0}, waits for it)
 * @param crossedValue the value at the moment the condition first held ({@code NaN} when never)
 * @param crossedBaseline the baseline at that moment
 * @param activeAt when the condition started to hold (pending since), or null
 * @param firingAt when the alert started firing, or null
 * @param resolvedAt when the alert resolved, or null
 * @param labels every label sent to Alertmanager, {@code alertname} and {@code severity} included
 * @param annotations summary, description, runbook_url, with values filled in
 */
public record Alert(
    String name,
    String severity,
    AlertState state,
    double value,
    double baseline,
    double threshold,
    boolean baselineReady,
    double crossedValue,
    double crossedBaseline,
    Instant activeAt,
    Instant firingAt,
    Instant resolvedAt,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public Alert {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}
