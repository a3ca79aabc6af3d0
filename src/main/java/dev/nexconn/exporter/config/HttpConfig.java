package dev.nexconn.exporter.config;

/**
 * The sidecar's one HTTP server.
 *
 * @param host bind address
 * @param port TCP port, 0 for an ephemeral one
 */
public record HttpConfig(String host, int port) {
  public static final HttpConfig DEFAULT = new HttpConfig("0.0.0.0", 9464);

  static HttpConfig from(ConfigNode n) {
    n.requireOnly("host", "port");
    return new HttpConfig(
        n.string("host", DEFAULT.host()), (int) n.integer("port", DEFAULT.port(), 0, 65535));
  }
}
