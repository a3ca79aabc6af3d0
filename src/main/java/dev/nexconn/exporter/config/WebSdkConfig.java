package dev.nexconn.exporter.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real-service probes through the vendor's Web SDK ({@code upstream.type: web-sdk}, keys under
 * {@code upstream.webSdk}): every probe runs the SDK in a worker thread of the supervised Node
 * driver ({@code docs/engine.md}, "Web SDK driver").
 *
 * @param appKey the App Key every probe's SDK is initialised with
 * @param navigators navigation servers ({@code init({navigators})}, private clouds); empty: the
 *     SDK's built-in vendor servers, which need {@code production}
 * @param production true lets the SDK reach any host; false refuses every URL that is not a
 *     loopback literal or in {@code allowHosts}, before any DNS lookup
 * @param allowHosts host names the SDK may reach besides loopback when not in production
 * @param driver how the driver process is started and supervised
 */
public record WebSdkConfig(
    String appKey,
    List<URI> navigators,
    boolean production,
    List<String> allowHosts,
    WebSdkDriverConfig driver) {

  public WebSdkConfig {
    navigators = List.copyOf(navigators);
    allowHosts = List.copyOf(allowHosts);
  }

  @Override
  public String toString() {
    return "WebSdkConfig[appKey="
        + appKey
        + ", navigators="
        + navigators.stream().map(UrlText::withoutCredentials).toList()
        + ", production="
        + production
        + ", allowHosts="
        + allowHosts
        + ", driver="
        + driver
        + "]";
  }

  static WebSdkConfig from(ConfigNode n) {
    n.requireOnly("appKey", "navigators", "production", "allowHosts", "driver");
    String appKey =
        n.requiredString(
            "appKey", "the App Key of the app the probes log in to (developer console)");
    boolean production = n.bool("production", false);
    List<String> allowHosts =
        n.strings("allowHosts").stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    if (production && !allowHosts.isEmpty()) {
      throw new ConfigException(
          n.pathOf("allowHosts"),
          "only applies when production is false (production: true allows every host): remove it");
    }
    List<String> raw = n.strings("navigators");
    List<URI> navigators = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String key = "navigators[" + i + "]";
      URI uri = UrlText.parse(n, key, raw.get(i).trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new ConfigException(
            n.pathOf(key),
            "must start with http:// or https://, got '" + UrlText.withoutCredentials(uri) + "'");
      }
      if (uri.getHost() == null) {
        throw new ConfigException(
            n.pathOf(key), "must name a host, got '" + UrlText.withoutCredentials(uri) + "'");
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      if (!production && !isLoopbackLiteral(host) && !allowHosts.contains(host)) {
        throw new ConfigException(
            n.pathOf(key),
            "host "
                + host
                + " would be refused: production is false, so the driver reaches only loopback"
                + " and allowHosts; set production: true to probe the real service");
      }
      navigators.add(uri);
    }
    if (navigators.isEmpty() && !production) {
      throw new ConfigException(
          n.pathOf("navigators"),
          "is empty and production is false: the SDK's built-in navigation servers are vendor"
              + " hosts, which would be refused; set production: true or list navigation servers");
    }
    WebSdkDriverConfig driver =
        n.has("driver") ? WebSdkDriverConfig.from(n.child("driver")) : WebSdkDriverConfig.DEFAULT;
    return new WebSdkConfig(appKey, navigators, production, allowHosts, driver);
  }

  /**
   * Fails when one group, or all groups together, hold more probes than the driver may: each probe
   * is a worker thread with its own SDK instance, about {@value WebSdkDriverConfig#MB_PER_PROBE}
   * MB.
   */
  void checkProbeCount(List<ConfigNode> groupNodes, List<ProbeGroupConfig> groups) {
    int max = driver.maxProbes();
    String limit =
        " exceeds upstream.webSdk.driver.maxProbes ("
            + max
            + "): each Web SDK probe takes about "
            + WebSdkDriverConfig.MB_PER_PROBE
            + " MB; use fewer probes, or raise maxProbes (at most "
            + WebSdkDriverConfig.MAX_MAX_PROBES
            + ") together with the container's memory limit";
    int total = 0;
    for (int i = 0; i < groups.size(); i++) {
      ConfigNode g = groupNodes.get(i);
      int size = groups.get(i).userIds().size();
      if (size > max) {
        String key = g.has("users") ? "users" : "count";
        throw new ConfigException(
            g.pathOf(key), (key.equals("users") ? size + " users" : String.valueOf(size)) + limit);
      }
      if (groups.get(i).reconnectKickEnable()) {
        throw new ConfigException(
            g.pathOf("reconnectKickEnable"),
            "the Web SDK honours it only under Electron, so the server's kick rule would apply"
                + " silently: remove it or set it to false");
      }
      total += size;
    }
    if (total > max) {
      throw new ConfigException(
          "probes.groups", total + " probes in " + groups.size() + " groups together" + limit);
    }
  }

  /** Loopback IP literals only, as the driver's guard decides: a name is never resolved. */
  static boolean isLoopbackLiteral(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
      return true;
    }
    return h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }
}
