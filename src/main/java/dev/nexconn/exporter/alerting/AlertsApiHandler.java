package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.api.ApiResponses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/alerts}: every rule's alert with its state, the value that crossed the
 * threshold and the baseline at that moment, the current value, baseline and threshold, and since
 * when it is pending, firing or resolved. {@code ?state=firing} filters by state and {@code
 * ?alertname=NexconnBanSpike} by name.
 *
 * <pre>{@code
 * {"alerts":[{"alertname":"NexconnBanSpike","severity":"critical","state":"firing",
 *   "since":"2026-11-28T07:00:03Z","activeAt":"...","firingAt":"...","resolvedAt":null,
 *   "crossedValue":42.0,"crossedBaseline":1.5,"value":44.0,"baseline":1.5,"threshold":10.0,
 *   "baselineReady":true,
 *   "labels":{...},"annotations":{...}}]}
 * }</pre>
 */
final class AlertsApiHandler implements Handler<RoutingContext> {
  private final Supplier<java.util.List<Alert>> alerts;

  AlertsApiHandler(Supplier<java.util.List<Alert>> alerts) {
    this.alerts = alerts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String stateFilter = ctx.request().getParam("state");
    String nameFilter = ctx.request().getParam("alertname");
    if (stateFilter != null && !isState(stateFilter)) {
      ApiResponses.error(
          ctx,
          400,
          "invalid_query",
          "query parameter state must be inactive, pending, firing or resolved, got '"
              + stateFilter
              + "'");
      return;
    }
    JsonArray list = new JsonArray();
    for (Alert a : alerts.get()) {
      if (stateFilter != null && !a.state().label().equals(stateFilter.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (nameFilter != null && !a.name().equals(nameFilter)) {
        continue;
      }
      list.add(json(a));
    }
    ApiResponses.json(ctx, 200, new JsonObject().put("alerts", list));
  }

  private static boolean isState(String s) {
    for (AlertState state : AlertState.values()) {
      if (state.label().equals(s.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  static JsonObject json(Alert a) {
    Instant since =
        switch (a.state()) {
          case PENDING -> a.activeAt();
          case FIRING -> a.firingAt();
          case RESOLVED -> a.resolvedAt();
          default -> null;
        };
    JsonObject labels = new JsonObject();
    a.labels().forEach(labels::put);
    JsonObject annotations = new JsonObject();
    a.annotations().forEach(annotations::put);
    return new JsonObject()
        .put("alertname", a.name())
        .put("severity", a.severity())
        .put("state", a.state().label())
        .put("since", text(since))
        .put("activeAt", text(a.activeAt()))
        .put("firingAt", text(a.firingAt()))
        .put("resolvedAt", text(a.resolvedAt()))
        .put("crossedValue", AlertPayloads.finite(a.crossedValue()))
        .put("crossedBaseline", AlertPayloads.finite(a.crossedBaseline()))
        .put("value", AlertPayloads.finite(a.value()))
        .put("baseline", AlertPayloads.finite(a.baseline()))
        .put("threshold", AlertPayloads.finite(a.threshold()))
        .put("baselineReady", a.baselineReady())
        .put("labels", labels)
        .put("annotations", annotations);
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }
}
