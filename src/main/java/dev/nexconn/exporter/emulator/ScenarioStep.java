package dev.nexconn.exporter.emulator;

import java.time.Duration;

/**
 * One entry of a scenario timeline: at {@code at} after the start, do {@code action} to {@code
 * percent}% of users.
 *
 * @param at offset from the scenario start
 * @param action what to do
 * @param percent share of users or apps affected, 0 to 100
 * @param duration how long a timed fault or ban lasts (or the token lifetime)
 * @param over fleet incidents are spread evenly over this window
 * @param code protocol or WebSocket close code where the action takes one, 0 for its default
 * @param millis latency in milliseconds for {@link ScenarioAction#LATENCY}
 * @param appVersion the new version for {@link ScenarioAction#RELEASE}
 * @param rate status changes per second for {@link ScenarioAction#FLEET_RATE}
 */
record ScenarioStep(
    Duration at,
    ScenarioAction action,
    double percent,
    Duration duration,
    Duration over,
    int code,
    long millis,
    String appVersion,
    double rate) {

  /** A short human description for the live summary, e.g. {@code ban 5% for 10m}. */
  String describe() {
    StringBuilder s = new StringBuilder(action.yamlName());
    if (percent < 100 || action == ScenarioAction.BAN || action == ScenarioAction.KICK) {
      s.append(' ').append(percent % 1 == 0 ? Long.toString((long) percent) : percent).append('%');
    }
    if (!duration.isZero()) {
      s.append(" for ").append(ScenarioLoader.format(duration));
    }
    if (action == ScenarioAction.RELEASE) {
      s.append(" to ").append(appVersion);
    }
    if (action == ScenarioAction.FLEET_RATE) {
      s.append(' ').append(rate).append("/s");
    }
    return s.toString();
  }
}
