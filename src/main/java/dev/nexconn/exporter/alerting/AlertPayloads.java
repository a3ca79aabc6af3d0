package dev.nexconn.exporter.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON bodies of both delivery kinds.
 *
 * <p>Alertmanager ({@code POST /api/v2/alerts}) gets its client contract: an array of {@code
 * {labels, annotations, startsAt, endsAt, generatorURL}}. A firing alert's {@code endsAt} lies
 * {@code 4 x resendInterval} ahead, so Alertmanager keeps it active between re-sends and resolves
 * it by itself if the sidecar dies; a resolved alert's {@code endsAt} is the moment it resolved.
 *
 * <p>The generic webhook gets {@code {"version":"1","receiver":..,"status":"firing|resolved",
 * "alerts":[..same fields.., "status", "value", "baseline", "threshold"]}}.
 */
final class AlertPayloads {
  private final Duration resendInterval;
  private final Function<String, String> generatorUrl;

  /**
   * @param generatorUrl maps an alertname to the sidecar URL that shows it
   */
  AlertPayloads(Duration resendInterval, Function<String, String> generatorUrl) {
    this.resendInterval = resendInterval;
    this.generatorUrl = generatorUrl;
  }

  JsonArray alertmanager(List<Alert> alerts, Instant now) {
    JsonArray out = new JsonArray();
    alerts.forEach(a -> out.add(common(a, now)));
    return out;
  }

  JsonObject webhook(String receiver, List<Alert> alerts, Instant now) {
    JsonArray list = new JsonArray();
    boolean anyFiring = false;
    for (Alert a : alerts) {
      boolean firing = a.state() == AlertState.FIRING;
      anyFiring |= firing;
      list.add(
          common(a, now)
              .put("status", firing ? "firing" : "resolved")
              .put("value", finite(a.crossedValue()))
              .put("baseline", finite(a.crossedBaseline()))
              .put("threshold", finite(a.threshold())));
    }
    return new JsonObject()
        .put("version", "1")
        .put("receiver", receiver)
        .put("status", anyFiring ? "firing" : "resolved")
        .put("alerts", list);
  }

  private JsonObject common(Alert a, Instant now) {
    Instant starts = a.activeAt() != null ? a.activeAt() : now;
    Instant ends =
        a.state() == AlertState.FIRING
            ? now.plus(resendInterval.multipliedBy(4))
            : (a.resolvedAt() != null ? a.resolvedAt() : now);
    return new JsonObject()
        .put("labels", map(a.labels()))
        .put("annotations", map(a.annotations()))
        .put("startsAt", starts.toString())
        .put("endsAt", ends.toString())
        .put("generatorURL", generatorUrl.apply(a.name()));
  }

  private static JsonObject map(Map<String, String> m) {
    JsonObject o = new JsonObject();
    m.forEach(o::put);
    return o;
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
