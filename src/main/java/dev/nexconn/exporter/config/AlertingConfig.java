package dev.nexconn.exporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code alerting} section: spike rules, evaluation bucket, and delivery to Alertmanager and
 * webhooks. Rules named like a default rule change only the keys they set; other names add rules.
 *
 * <pre>{@code
 * alerting:
 *   externalUrl: http://nexconn-exporter.monitoring.svc:9464
 *   externalLabels: {cluster: prod-eu}
 *   alertmanagers:
 *     - url: http://alertmanager.monitoring.svc:9093
 *   rules:
 *     - name: NexconnBanSpike
 *       floor: 25
 * }</pre>
 *
 * @param enabled false turns the spike detector and delivery off
 * @param bucket the evaluation step: events are counted in buckets of this size
 * @param resendInterval how often active alerts are re-sent (Alertmanager forgets silent ones)
 * @param resolvedRetention how long a resolved alert is still re-sent and listed
 * @param externalUrl the sidecar's URL as seen by on-call people, for {@code generatorURL}; null to
 *     derive it from the pod
 * @param externalLabels labels added to every alert (pod identity, cluster)
 * @param rules the effective rules, defaults merged with the config
 * @param receivers Alertmanagers and webhooks
 * @param queueCapacity distinct alerts each receiver may hold while its endpoint is down
 * @param initialBackoff the first retry delay after a failed delivery
 * @param maxBackoff the longest retry delay
 * @param timeout per-request timeout of a delivery
 * @param baselines where baselines are saved across restarts
 */
public record AlertingConfig(
    boolean enabled,
    Duration bucket,
    Duration resendInterval,
    Duration resolvedRetention,
    String externalUrl,
    Map<String, String> externalLabels,
    List<AlertRuleConfig> rules,
    List<AlertReceiverConfig> receivers,
    int queueCapacity,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration timeout,
    AlertBaselineConfig baselines) {

  public AlertingConfig {
    externalLabels = Map.copyOf(externalLabels);
    rules = List.copyOf(rules);
    receivers = List.copyOf(receivers);
  }

  /** Default rules, no receivers: alerts show on /metrics and /api/v1/alerts only. */
  public static AlertingConfig defaults() {
    return from(new ConfigNode(null, "alerting"));
  }

  static AlertingConfig from(ConfigNode n) {
    n.requireOnly(
        "enabled",
        "bucket",
        "resendInterval",
        "resolvedRetention",
        "externalUrl",
        "externalLabels",
        "rules",
        "alertmanagers",
        "webhooks",
        "delivery",
        "baselines");
    List<AlertRuleConfig> defaults = AlertRuleDefaults.rules();
    Map<String, AlertRuleConfig> rules = new LinkedHashMap<>();
    defaults.forEach(r -> rules.put(r.name(), r));
    Set<String> seen = new HashSet<>();
    for (ConfigNode r : n.children("rules")) {
      AlertRuleConfig rule = AlertRuleConfig.from(r, defaults);
      if (!seen.add(rule.name())) {
        throw new ConfigException(
            r.pathOf("name"), "rule " + rule.name() + " is defined twice; keep one entry");
      }
      rules.put(rule.name(), rule);
    }
    List<AlertReceiverConfig> receivers = new ArrayList<>();
    List<ConfigNode> ams = n.children("alertmanagers");
    for (int i = 0; i < ams.size(); i++) {
      receivers.add(AlertReceiverConfig.from(ams.get(i), AlertReceiverConfig.Kind.ALERTMANAGER, i));
    }
    List<ConfigNode> hooks = n.children("webhooks");
    for (int i = 0; i < hooks.size(); i++) {
      receivers.add(AlertReceiverConfig.from(hooks.get(i), AlertReceiverConfig.Kind.WEBHOOK, i));
    }
    Set<String> names = new HashSet<>();
    for (AlertReceiverConfig r : receivers) {
      if (!names.add(r.name())) {
        throw new ConfigException(
            n.path(), "two receivers are named '" + r.name() + "': give each a distinct name");
      }
    }
    ConfigNode delivery = n.child("delivery");
    delivery.requireOnly("queueCapacity", "initialBackoff", "maxBackoff", "timeout");
    Duration initial =
        DurationText.read(
            delivery,
            "initialBackoff",
            Duration.ofMillis(500),
            Duration.ofMillis(10),
            Duration.ofMinutes(5));
    Duration max =
        DurationText.read(
            delivery, "maxBackoff", Duration.ofSeconds(30), initial, Duration.ofMinutes(10));
    return new AlertingConfig(
        n.bool("enabled", true),
        DurationText.read(
            n, "bucket", Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMinutes(1)),
        DurationText.read(
            n,
            "resendInterval",
            Duration.ofMinutes(1),
            Duration.ofMillis(100),
            Duration.ofHours(1)),
        DurationText.read(
            n, "resolvedRetention", Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(24)),
        externalUrl(n),
        stringMap(n, "externalLabels"),
        new ArrayList<>(rules.values()),
        receivers,
        (int) delivery.integer("queueCapacity", 1000, 1, 100_000),
        initial,
        max,
        DurationText.read(
            delivery,
            "timeout",
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMinutes(1)),
        AlertBaselineConfig.from(n.child("baselines")));
  }

  private static String externalUrl(ConfigNode n) {
    String url = n.string("externalUrl", null);
    if (url != null && !url.matches("https?://[^\\s]+")) {
      throw new ConfigException(
          n.pathOf("externalUrl"),
          "must be an http:// or https:// URL at which people reach this sidecar, got '"
              + url
              + "'");
    }
    return url;
  }

  static Map<String, String> stringMap(ConfigNode n, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode v = n.raw(key);
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw new ConfigException(n.pathOf(key), "must be a mapping of names to strings");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String path = n.pathOf(key) + "." + e.getKey();
      if (!e.getKey().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        throw new ConfigException(path, "is not a valid Prometheus label or annotation name");
      }
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new ConfigException(path, "must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
