package dev.nexconn.exporter.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where probe connections go, and how.
 *
 * @param url the WebSocket endpoint, {@code ws://} or {@code wss://}
 * @param caFile PEM file of the CA that signed a {@code wss://} server's certificate; {@code null}
 *     uses the JVM's trust store
 * @param proxy optional HTTP CONNECT or SOCKS5 proxy
 * @param appKey the App Key the probes belong to (tags the local databases); may be empty
 * @param connectRatePerSecond the connect-rate cap shared by every probe
 * @param connectBurst connects allowed at once before the cap applies
 * @param connAckTimeout how long a connect may go unanswered before it is retried
 */
public record UpstreamConfig(
    URI url,
    Path caFile,
    ProxyConfig proxy,
    String appKey,
    double connectRatePerSecond,
    int connectBurst,
    Duration connAckTimeout) {

  /** Only a URL; defaults for the rest. */
  public UpstreamConfig(URI url) {
    this(url, null, null, "", 200, 50, Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return "UpstreamConfig[url="
        + UrlText.withoutCredentials(url)
        + ", caFile="
        + caFile
        + ", proxy="
        + proxy
        + ", appKey="
        + appKey
        + ", connectRatePerSecond="
        + connectRatePerSecond
        + ", connectBurst="
        + connectBurst
        + ", connAckTimeout="
        + connAckTimeout
        + "]";
  }

  static UpstreamConfig from(ConfigNode n) {
    n.requireOnly(
        "url",
        "caFile",
        "proxy",
        "appKey",
        "connectRatePerSecond",
        "connectBurst",
        "connAckTimeout",
        "connAckTimeoutSeconds");
    String raw =
        n.requiredString("url", "set it to the upstream endpoint, e.g. ws://host:port/v1/connect");
    URI uri = UrlText.parse(n, "url", raw);
    if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
      throw new ConfigException(
          n.pathOf("url"),
          "must start with ws:// or wss://, got '" + UrlText.withoutCredentials(uri) + "'");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(
          n.pathOf("url"), "must name a host, got '" + UrlText.withoutCredentials(uri) + "'");
    }
    String ca = n.string("caFile", null);
    if (ca != null && !"wss".equals(uri.getScheme())) {
      throw new ConfigException(
          n.pathOf("caFile"), "only applies to wss:// upstreams: remove it or use wss://");
    }
    ProxyConfig proxy = n.has("proxy") ? ProxyConfig.from(n.child("proxy")) : null;
    return new UpstreamConfig(
        uri,
        ca == null ? null : Path.of(ca),
        proxy,
        n.string("appKey", ""),
        n.decimal("connectRatePerSecond", 200, 0.01, 1_000_000),
        (int) n.integer("connectBurst", 50, 1, 1_000_000),
        DurationText.readOrSeconds(
            n,
            "connAckTimeout",
            "connAckTimeoutSeconds",
            true,
            Duration.ofSeconds(10),
            Duration.ofMillis(50),
            Duration.ofSeconds(300)));
  }
}
