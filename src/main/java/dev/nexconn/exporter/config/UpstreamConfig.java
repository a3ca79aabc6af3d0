package dev.nexconn.exporter.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where probe connections go, and how.
 *
 * @param url the WebSocket endpoint, {@code ws://} or {@code wss://}; null with {@code webSdk}
 * @param caFile PEM file of the CA that signed a {@code wss://} server's certificate; {@code null}
 *     uses the JVM's trust store
 * @param proxy optional HTTP CONNECT or SOCKS5 proxy
 * @param appKey the App Key the probes belong to (tags the local databases); may be empty
 * @param connectRatePerSecond the connect-rate cap shared by every probe
 * @param connectBurst connects allowed at once before the cap applies
 * @param connAckTimeout how long a connect may go unanswered before it is retried
 * @param webSdk {@code upstream.type: web-sdk}: probes run the vendor's Web SDK in the supervised
 *     Node driver instead of speaking protocol v1 to {@code url}; null for the default type
 */
public record UpstreamConfig(
    URI url,
    Path caFile,
    ProxyConfig proxy,
    String appKey,
    double connectRatePerSecond,
    int connectBurst,
    Duration connAckTimeout,
    WebSdkConfig webSdk) {

  /** How probes reach the upstream ({@code upstream.type}). */
  public enum Type {
    /** Protocol v1 over WebSocket to {@code upstream.url} (the emulator or a gateway). */
    PROTOCOL,
    /** The vendor's Web SDK in the supervised Node driver ({@code upstream.webSdk}). */
    WEB_SDK
  }

  /** Only a URL; defaults for the rest. */
  public UpstreamConfig(URI url) {
    this(url, null, null, "", 200, 50, Duration.ofSeconds(10), null);
  }

  /** Which kind of upstream this is. */
  public Type type() {
    return webSdk == null ? Type.PROTOCOL : Type.WEB_SDK;
  }

  @Override
  public String toString() {
    return "UpstreamConfig[type="
        + type()
        + ", url="
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
        + ", webSdk="
        + webSdk
        + "]";
  }

  static UpstreamConfig from(ConfigNode n) {
    n.requireOnly(
        "type",
        "webSdk",
        "url",
        "caFile",
        "proxy",
        "appKey",
        "connectRatePerSecond",
        "connectBurst",
        "connAckTimeout",
        "connAckTimeoutSeconds");
    Type type = n.choice("type", Type.class, Type.PROTOCOL);
    if (type == Type.WEB_SDK) {
      return webSdk(n);
    }
    if (n.has("webSdk")) {
      throw new ConfigException(
          n.pathOf("webSdk"),
          "only applies with upstream.type: web-sdk: set the type or remove it");
    }
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
        ca == null ? null : n.filePath("caFile", ca),
        proxy,
        n.string("appKey", ""),
        rate(n),
        burst(n),
        connAckTimeout(n),
        null);
  }

  /**
   * The Web SDK type: no {@code url}, CA or proxy (the SDK finds its server through navigation and
   * connects directly); the App Key is the SDK's.
   */
  private static UpstreamConfig webSdk(ConfigNode n) {
    for (String key : new String[] {"url", "caFile", "proxy"}) {
      if (n.has(key)) {
        throw new ConfigException(
            n.pathOf(key),
            "does not apply with upstream.type: web-sdk (the SDK finds its server through"
                + " upstream.webSdk.navigators and connects directly): remove it");
      }
    }
    if (!n.child("webSdk").isPresent()) {
      throw new ConfigException(
          n.pathOf("webSdk"),
          "is required with upstream.type: web-sdk: at least {appKey: ..., production: true}");
    }
    WebSdkConfig sdk = WebSdkConfig.from(n.child("webSdk"));
    String appKey = n.string("appKey", "");
    if (!appKey.isEmpty() && !appKey.equals(sdk.appKey())) {
      throw new ConfigException(
          n.pathOf("appKey"),
          "differs from upstream.webSdk.appKey: the probes' databases would be tagged with another"
              + " app; remove upstream.appKey");
    }
    return new UpstreamConfig(
        null, null, null, sdk.appKey(), rate(n), burst(n), connAckTimeout(n), sdk);
  }

  private static double rate(ConfigNode n) {
    return n.decimal("connectRatePerSecond", 200, 0.01, 1_000_000);
  }

  private static int burst(ConfigNode n) {
    return (int) n.integer("connectBurst", 50, 1, 1_000_000);
  }

  private static Duration connAckTimeout(ConfigNode n) {
    return DurationText.readOrSeconds(
        n,
        "connAckTimeout",
        "connAckTimeoutSeconds",
        true,
        Duration.ofSeconds(10),
        Duration.ofMillis(50),
        Duration.ofSeconds(300));
  }
}
