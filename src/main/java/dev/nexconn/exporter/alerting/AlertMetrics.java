package dev.nexconn.exporter.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The alerting series.
 *
 * <pre>
 * # TYPE nexconn_alerts gauge
 * nexconn_alerts{alertname="NexconnBanSpike",severity="critical",state="firing"} 1.0
 * nexconn_alerts{alertname="NexconnBanSpike",severity="critical",state="inactive"} 0.0
 * # TYPE nexconn_alert_notifications_total counter
 * nexconn_alert_notifications_total{outcome="success",receiver="alertmanager-0"} 3.0
 * </pre>
 *
 * <p>{@code nexconn_alerts} is 1 for the state each rule is in and 0 for the other three, so {@code
 * nexconn_alerts{state="firing"} == 1} selects firing alerts. Notification outcomes count alerts,
 * not requests: {@code success}, {@code failure} (will be retried), {@code rejected}, {@code
 * dropped}.
 */
public final class AlertMetrics implements MeterBinder {
  /** Micrometer name of {@code nexconn_alerts}. */
  public static final String ALERTS = "nexconn.alerts";

  /** Micrometer name of {@code nexconn_alert_notifications_total}. */
  public static final String NOTIFICATIONS = "nexconn.alert.notifications";

  static final String SUCCESS = "success";
  static final String FAILURE = "failure";
  static final String REJECTED = "rejected";
  static final String DROPPED = "dropped";
  static final List<String> OUTCOMES = List.of(SUCCESS, FAILURE, REJECTED, DROPPED);

  private final Map<String, String> severities;
  private final Function<String, AlertState> stateOf;
  private final List<String> receivers;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  /**
   * @param severities alertname to severity, one entry per enabled rule
   * @param stateOf the live state of an alert
   * @param receivers receiver names, so that their zero counters exist from the start
   */
  public AlertMetrics(
      Map<String, String> severities,
      Function<String, AlertState> stateOf,
      List<String> receivers) {
    this.severities = Map.copyOf(severities);
    this.stateOf = stateOf;
    this.receivers = List.copyOf(receivers);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    severities.forEach(
        (name, severity) -> {
          for (AlertState state : AlertState.values()) {
            Gauge.builder(ALERTS, () -> stateOf.apply(name) == state ? 1 : 0)
                .description("1 for the lifecycle state each sidecar alert rule is in, else 0")
                .tag("alertname", name)
                .tag("severity", severity)
                .tag("state", state.label())
                .register(registry);
          }
        });
    this.registry = registry;
    receivers.forEach(this::register);
  }

  /**
   * Registers the zero counters of a receiver found after start (an Alertmanager address behind a
   * name); the label set stays bounded by the number of Alertmanager instances.
   */
  void register(String receiver) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    for (String outcome : OUTCOMES) {
      counters.computeIfAbsent(
          receiver + '|' + outcome,
          k ->
              Counter.builder(NOTIFICATIONS)
                  .description("Alerts delivered to a receiver, by outcome")
                  .baseUnit("notifications")
                  .tag("receiver", receiver)
                  .tag("outcome", outcome)
                  .register(r));
    }
  }

  void notified(String receiver, String outcome, int alerts) {
    Counter c = counters.get(receiver + '|' + outcome);
    if (c != null) {
      c.increment(alerts);
    }
  }
}
