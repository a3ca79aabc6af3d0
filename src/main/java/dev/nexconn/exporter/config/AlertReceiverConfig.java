package dev.nexconn.exporter.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where alert notifications go.
 *
 * @param name the {@code receiver} label of {@code nexconn_alert_notifications_total}
 * @param kind Alertmanager v2 API or a generic JSON webhook
 * @param url an Alertmanager base URL ({@code http://alertmanager:9093}; the sidecar posts to
 *     {@code /api/v2/alerts} under it) or the full webhook URL
 */
public record AlertReceiverConfig(String name, Kind kind, URI url) {

  /** Delivery kinds. */
  public enum Kind {
    ALERTMANAGER,
    WEBHOOK
  }

  public AlertReceiverConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(url, "url");
  }

  @Override
  public String toString() {
    // The URL may carry credentials in its user-info; never print them.
    return "AlertReceiverConfig[name=" + name + ", kind=" + kind + ", host=" + url.getHost() + "]";
  }

  static AlertReceiverConfig from(ConfigNode n, Kind kind, int index) {
    n.requireOnly("name", "url");
    String fallback = (kind == Kind.ALERTMANAGER ? "alertmanager-" : "webhook-") + index;
    String name = n.string("name", fallback);
    if (!name.matches("[a-zA-Z0-9_.-]{1,64}")) {
      throw new ConfigException(
          n.pathOf("name"), "must be 1-64 letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    String hint =
        kind == Kind.ALERTMANAGER
            ? "the Alertmanager base URL, e.g. http://alertmanager:9093"
            : "the webhook URL, e.g. https://chatops.example.com/hooks/nexconn";
    String raw = n.requiredString("url", hint);
    URI url = UrlText.parse(n, "url", raw);
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())
        || url.getHost() == null) {
      throw new ConfigException(n.pathOf("url"), "must be an http:// or https:// URL: " + hint);
    }
    return new AlertReceiverConfig(name, kind, url);
  }
}
