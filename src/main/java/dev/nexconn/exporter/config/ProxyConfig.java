package dev.nexconn.exporter.config;

/**
 * A proxy in front of the upstream ({@code upstream.proxy}). When it cannot be reached or refuses,
 * probes end in {@code proxy_unavailable}.
 *
 * @param type {@code http} (HTTP CONNECT tunnel) or {@code socks5}
 * @param host proxy host
 * @param port proxy port
 * @param username optional user name
 * @param passwordEnv optional environment variable holding the password (never in the file)
 */
public record ProxyConfig(Type type, String host, int port, String username, String passwordEnv) {

  /** Proxy protocols. */
  public enum Type {
    HTTP,
    SOCKS5
  }

  static ProxyConfig from(ConfigNode n) {
    n.requireOnly("type", "host", "port", "username", "passwordEnv");
    Type type = n.choice("type", Type.class, null);
    if (type == null) {
      throw new ConfigException(n.pathOf("type"), "is required: http or socks5");
    }
    String host = n.requiredString("host", "the proxy host name or address");
    long port = n.integer("port", 0, 1, 65535);
    if (port == 0) {
      throw new ConfigException(n.pathOf("port"), "is required: the proxy port (1-65535)");
    }
    return new ProxyConfig(
        type, host, (int) port, n.string("username", null), n.string("passwordEnv", null));
  }
}
