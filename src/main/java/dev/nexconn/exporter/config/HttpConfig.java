package dev.nexconn.exporter.config;

import java.time.Duration;

/**
 * The sidecar's one HTTP server.
 *
 * @param host bind address
 * @param port TCP port, 0 for an ephemeral one
 * @param instances how many server instances (each on its own event loop) share the port; 0 means
 *     one per available core, so ingest uses every core
 * @param metricsCacheTtl how long a rendered {@code /metrics} exposition may be served again; 0
 *     (the default) renders at or after every scrape's arrival, concurrent scrapes sharing one
 *     render
 */
public record HttpConfig(String host, int port, int instances, Duration metricsCacheTtl) {
  public static final HttpConfig DEFAULT = new HttpConfig("0.0.0.0", 9464);

  /** Most server instances; more than cores only adds context switches. */
  public static final int MAX_INSTANCES = 64;

  public HttpConfig {
    if (instances < 0 || instances > MAX_INSTANCES) {
      throw new IllegalArgumentException("instances must be 0-" + MAX_INSTANCES);
    }
    metricsCacheTtl = metricsCacheTtl == null ? Duration.ZERO : metricsCacheTtl;
  }

  /** One instance per core, no {@code /metrics} cache. */
  public HttpConfig(String host, int port) {
    this(host, port, 0, Duration.ZERO);
  }

  /** This config at another address (the command line's {@code --http-host/--http-port}). */
  public HttpConfig withAddress(String newHost, int newPort) {
    return new HttpConfig(newHost, newPort, instances, metricsCacheTtl);
  }

  /** The number of server instances to deploy: {@link #instances}, or the cores when 0. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  static HttpConfig from(ConfigNode n) {
    n.requireOnly("host", "port", "instances", "metricsCacheTtl");
    return new HttpConfig(
        n.string("host", DEFAULT.host()),
        (int) n.integer("port", DEFAULT.port(), 0, 65535),
        (int) n.integer("instances", 0, 0, MAX_INSTANCES),
        DurationText.read(
            n, "metricsCacheTtl", Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60)));
  }
}
