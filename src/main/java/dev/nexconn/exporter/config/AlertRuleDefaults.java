package dev.nexconn.exporter.config;

import dev.nexconn.exporter.event.EventSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shipped spike rules. The same alerts, with the same names and severities, are in {@code
 * prometheus/nexconn-alerts.rules.yml}; a test keeps the two lists equal.
 */
public final class AlertRuleDefaults {
  /**
   * Where the runbooks live; each alert links to its own section, {@code docs/runbooks.md#<alert
   * name in lower case>}, as the Prometheus rules do ({@code runbookURLPattern} of the mixin).
   */
  public static final String RUNBOOK_BASE =
      "https://github.com/nexconn/nexconn-exporter/blob/main/docs/runbooks.md#";

  /**
   * The dashboard every alert links in its {@code dashboard_url} annotation: the mixin's {@code
   * grafanaURL} + {@code /d/} + the dashboard uid. Override it per rule with {@code annotations}.
   */
  public static final String DASHBOARD_URL = "https://grafana.example.com/d/nexconn-overview";

  private static final Set<EventSource> ALL = Set.of(EventSource.values());

  private AlertRuleDefaults() {}

  /** The default rules, in a stable order. */
  public static List<AlertRuleConfig> rules() {
    return List.of(
        rule(
            "NexconnBanSpike",
            AlertSignal.BAN,
            ALL,
            "1m",
            "30m",
            10,
            3,
            "0s",
            "critical",
            "Nexconn users are being banned in a spike",
            "{{ $value }} connections ended in disconn_exception (banned) in the last {{ $window }},"
                + " against a baseline of {{ $baseline }}."),
        rule(
            "NexconnKickSpike",
            AlertSignal.KICK,
            ALL,
            "1m",
            "30m",
            20,
            3,
            "30s",
            "warning",
            "Nexconn connections are being kicked offline by other clients in a spike",
            "{{ $value }} connections were kicked_offline_by_other_client in the last {{ $window }},"
                + " against a baseline of {{ $baseline }}."),
        rule(
            "NexconnTokenExpiryWave",
            AlertSignal.TOKEN_EXPIRY,
            ALL,
            "5m",
            "1h",
            20,
            3,
            "1m",
            "critical",
            "Nexconn access tokens are failing in a wave",
            "{{ $value }} token_incorrect transitions and token failures in the last {{ $window }},"
                + " against a baseline of {{ $baseline }}."),
        rule(
            "NexconnDatabaseRecreateWave",
            AlertSignal.DATABASE_RECREATE,
            ALL,
            "10m",
            "2h",
            10,
            3,
            "5m",
            "warning",
            "Nexconn clients are recreating their local databases in a wave",
            "{{ $value }} local databases were recreated (local data cleared) in the last"
                + " {{ $window }}, against a baseline of {{ $baseline }}."),
        rule(
            "NexconnUserAbandonSpike",
            AlertSignal.USER_ABANDON,
            ALL,
            "5m",
            "1h",
            10,
            4,
            "0s",
            "warning",
            "Nexconn accounts are being deactivated in a spike",
            "{{ $value }} connections ended in user_abandon (account deactivated) in the last"
                + " {{ $window }}, against a baseline of {{ $baseline }}."),
        rule(
            "NexconnProbesDown",
            AlertSignal.PROBES_DOWN,
            Set.of(EventSource.PROBE),
            "1m",
            "30m",
            0.5,
            0,
            "2m",
            "critical",
            "Most Nexconn probe connections are not connected",
            "{{ $value }} of the probe connections were not connected on average over the last"
                + " {{ $window }}."));
  }

  /**
   * The default cold-start floor: twice what the ratio test asks for over a baseline at the floor,
   * so a steady rate at the floor seen from a cold start is not mistaken for a wave.
   */
  static double coldStartFloor(double floor, double ratio) {
    return 2 * floor * ratio;
  }

  /** The starting point of a new rule with only a name and a signal. */
  static AlertRuleConfig template(String name, AlertSignal signal) {
    boolean share = !signal.counting();
    return rule(
        name,
        signal,
        share ? Set.of(EventSource.PROBE) : ALL,
        "5m",
        "1h",
        share ? 0.5 : 10,
        share ? 0 : 3,
        "0s",
        "warning",
        name + " is firing",
        "{{ $value }} in the last {{ $window }}, against a baseline of {{ $baseline }}.");
  }

  private static AlertRuleConfig rule(
      String name,
      AlertSignal signal,
      Set<EventSource> sources,
      String window,
      String baseline,
      double floor,
      double ratio,
      String forText,
      String severity,
      String summary,
      String description) {
    return new AlertRuleConfig(
        name,
        signal,
        sources,
        DurationText.parse(window),
        DurationText.parse(baseline),
        floor,
        ratio,
        coldStartFloor(floor, ratio),
        DurationText.parse(forText),
        severity,
        Map.of(),
        Map.of(
            "summary",
            summary,
            "description",
            description,
            "runbook_url",
            RUNBOOK_BASE + name.toLowerCase(Locale.ROOT),
            "dashboard_url",
            DASHBOARD_URL),
        true);
  }
}
