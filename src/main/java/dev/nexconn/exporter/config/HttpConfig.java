package dev.nexconn.exporter.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The sidecar's one HTTP server and what it allows each client ({@code docs/deploy.md}, "Listener
 * limits").
 *
 * <pre>{@code
 * http: {host: 0.0.0.0, port: 9464, headerTimeout: 10s, bodyTimeout: 30s, idleTimeout: 60s,
 *        maxConnections: 256}
 * }</pre>
 *
 * @param host bind address
 * @param port TCP port, 0 for an ephemeral one
 * @param limits timeouts and the connection cap
 */
public record HttpConfig(String host, int port, Limits limits) {
  public static final HttpConfig DEFAULT = new HttpConfig("0.0.0.0", 9464);

  /**
   * The listener's limits.
   *
   * @param headerTimeout accept to the end of the first request's headers
   * @param bodyTimeout end of the headers to the end of the body
   * @param idleTimeout end of a response to the end of the next request's headers
   * @param maxConnections open connections at once; more are closed at accept
   */
  public record Limits(
      Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {
    public static final Limits DEFAULT =
        new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 256);
  }

  public HttpConfig {
    limits = Objects.requireNonNullElse(limits, Limits.DEFAULT);
  }

  /** Host and port with the default limits. */
  public HttpConfig(String host, int port) {
    this(host, port, Limits.DEFAULT);
  }

  /** The same limits on another address. */
  public HttpConfig at(String newHost, int newPort) {
    return new HttpConfig(newHost, newPort, limits);
  }

  static HttpConfig from(ConfigNode n) {
    n.requireOnly("host", "port", "headerTimeout", "bodyTimeout", "idleTimeout", "maxConnections");
    Limits d = Limits.DEFAULT;
    Duration min = Duration.ofMillis(100);
    Duration max = Duration.ofHours(1);
    return new HttpConfig(
        n.string("host", DEFAULT.host()),
        (int) n.integer("port", DEFAULT.port(), 0, 65535),
        new Limits(
            DurationText.read(n, "headerTimeout", d.headerTimeout(), min, max),
            DurationText.read(n, "bodyTimeout", d.bodyTimeout(), min, max),
            DurationText.read(n, "idleTimeout", d.idleTimeout(), min, max),
            (int) n.integer("maxConnections", d.maxConnections(), 1, 100_000)));
  }
}
