package dev.nexconn.exporter.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where alert notifications go.
 *
 * @param name the {@code receiver} label of {@code nexconn_alert_notifications_total}
 * @param kind Alertmanager v2 API or a generic JSON webhook
 * @param url an Alertmanager base URL ({@code http://alertmanager:9093}; the sidecar posts to
 *     {@code /api/v2/alerts} under it) or the full webhook URL
 * @param everyAddress Alertmanager only: deliver to every address the URL's host resolves to (a
 *     headless Service in front of an Alertmanager cluster), each with its own queue, instead of to
 *     whichever one the name happens to reach. Alertmanager's docs ask clients to send to all
 *     instances, never through a load balancer.
 * @param refreshInterval how often the host is resolved again when {@code everyAddress} is set
 */
public record AlertReceiverConfig(
    String name, Kind kind, URI url, boolean everyAddress, Duration refreshInterval) {

  /** Delivery kinds. */
  public enum Kind {
    ALERTMANAGER,
    WEBHOOK
  }

  public AlertReceiverConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(refreshInterval, "refreshInterval");
  }

  /** A receiver at one address. */
  public AlertReceiverConfig(String name, Kind kind, URI url) {
    this(name, kind, url, false, Duration.ofSeconds(30));
  }

  @Override
  public String toString() {
    // The URL may carry credentials in its user-info; never print them.
    return "AlertReceiverConfig[name="
        + name
        + ", kind="
        + kind
        + ", host="
        + url.getHost()
        + ", everyAddress="
        + everyAddress
        + "]";
  }

  static AlertReceiverConfig from(ConfigNode n, Kind kind, int index) {
    if (kind == Kind.ALERTMANAGER) {
      n.requireOnly("name", "url", "discovery", "refreshInterval");
    } else {
      n.requireOnly("name", "url");
    }
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
    String discovery = n.string("discovery", "none");
    if (!discovery.equals("none") && !discovery.equals("dns")) {
      throw new ConfigException(
          n.pathOf("discovery"),
          "must be dns (send to every address of the host, e.g. a headless Service) or none,"
              + " got '"
              + discovery
              + "'");
    }
    Duration refresh =
        DurationText.read(
            n,
            "refreshInterval",
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            Duration.ofHours(1));
    return new AlertReceiverConfig(name, kind, url, discovery.equals("dns"), refresh);
  }
}
