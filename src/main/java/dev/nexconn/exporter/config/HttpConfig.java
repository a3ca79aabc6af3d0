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
 * @param instances how many server instances (each on its own event loop) share the port; 0 means
 *     one per available core, so ingest uses every core
 * @param metricsCacheTtl how long a rendered {@code /metrics} exposition may be served again; 0
 *     (the default) renders at or after every scrape's arrival, concurrent scrapes sharing one
 *     render
 * @param limits timeouts and the connection cap
 */
public record HttpConfig(
    String host, int port, int instances, Duration metricsCacheTtl, Limits limits) {
  public static final HttpConfig DEFAULT = new HttpConfig("0.0.0.0", 9464);

  /** Most server instances; more than cores only adds context switches. */
  public static final int MAX_INSTANCES = 64;

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
    if (instances < 0 || instances > MAX_INSTANCES) {
      throw new IllegalArgumentException("instances must be 0-" + MAX_INSTANCES);
    }
    metricsCacheTtl = metricsCacheTtl == null ? Duration.ZERO : metricsCacheTtl;
    limits = Objects.requireNonNullElse(limits, Limits.DEFAULT);
  }

  /** One instance per core, no {@code /metrics} cache, the default limits. */
  public HttpConfig(String host, int port) {
    this(host, port, Limits.DEFAULT);
  }

  /** One instance per core, no {@code /metrics} cache, the given limits. */
  public HttpConfig(String host, int port, Limits limits) {
    this(host, port, 0, Duration.ZERO, limits);
  }

  /** This config at another address (the command line's {@code --http-host/--http-port}). */
  public HttpConfig withAddress(String newHost, int newPort) {
    return new HttpConfig(newHost, newPort, instances, metricsCacheTtl, limits);
  }

  /** The number of server instances to deploy: {@link #instances}, or the cores when 0. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  static HttpConfig from(ConfigNode n) {
    n.requireOnly(
        "host",
        "port",
        "instances",
        "metricsCacheTtl",
        "headerTimeout",
        "bodyTimeout",
        "idleTimeout",
        "maxConnections");
    Limits d = Limits.DEFAULT;
    Duration min = Duration.ofMillis(100);
    Duration max = Duration.ofHours(1);
    return new HttpConfig(
        n.string("host", DEFAULT.host()),
        (int) n.integer("port", DEFAULT.port(), 0, 65535),
        (int) n.integer("instances", 0, 0, MAX_INSTANCES),
        DurationText.read(
            n, "metricsCacheTtl", Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60)),
        new Limits(
            DurationText.read(n, "headerTimeout", d.headerTimeout(), min, max),
            DurationText.read(n, "bodyTimeout", d.bodyTimeout(), min, max),
            DurationText.read(n, "idleTimeout", d.idleTimeout(), min, max),
            (int) n.integer("maxConnections", d.maxConnections(), 1, 100_000)));
  }
}
