package dev.nexconn.exporter.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the sidecar starts and supervises the Node driver that runs the vendor's Web SDK ({@code
 * upstream.webSdk.driver}; {@code docs/engine.md}, "Web SDK driver").
 *
 * @param dir the folder holding {@code driver.js} and its {@code node_modules} ({@code npm ci
 *     --omit=dev}); the {@code web-sdk} image has it at {@link #DEFAULT_DIR}
 * @param node the {@code node} binary, a path or a name looked up on {@code PATH}
 * @param maxProbes the most probes (one worker thread and SDK instance each, about 30 MB) the
 *     driver may hold; every probe group together must fit
 * @param healthInterval how often the driver is asked for health
 * @param healthTimeout an unanswered health request older than this counts as a hung driver
 * @param restartMin the first restart delay after an incident, doubled per quick repeat
 * @param restartMax the longest restart delay
 */
public record WebSdkDriverConfig(
    Path dir,
    Path node,
    int maxProbes,
    Duration healthInterval,
    Duration healthTimeout,
    Duration restartMin,
    Duration restartMax) {

  /** Where the {@code web-sdk} container image puts the driver. */
  public static final Path DEFAULT_DIR = Path.of("/opt/nexconn-exporter/drivers/web-sdk");

  /** The documented limit ({@code docs/engine.md}, "Memory per probe"). */
  public static final int DEFAULT_MAX_PROBES = 20;

  /** The highest {@code maxProbes} accepted: about 3 GB of driver memory. */
  public static final int MAX_MAX_PROBES = 100;

  /** The measured driver memory per probe, in MB, for error messages and sizing. */
  public static final int MB_PER_PROBE = 30;

  /** Every default. */
  public static final WebSdkDriverConfig DEFAULT =
      new WebSdkDriverConfig(
          DEFAULT_DIR,
          Path.of("node"),
          DEFAULT_MAX_PROBES,
          Duration.ofSeconds(1),
          Duration.ofSeconds(3),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30));

  static WebSdkDriverConfig from(ConfigNode n) {
    n.requireOnly(
        "dir", "node", "maxProbes", "healthInterval", "healthTimeout", "restartMin", "restartMax");
    String dir = n.string("dir", null);
    String node = n.string("node", null);
    if (node != null && node.isBlank()) {
      throw new ConfigException(
          n.pathOf("node"), "must not be empty: the node binary, e.g. node or /usr/bin/node");
    }
    Duration restartMin =
        DurationText.read(
            n, "restartMin", DEFAULT.restartMin(), Duration.ofMillis(10), Duration.ofMinutes(5));
    Duration restartMax =
        DurationText.read(
            n, "restartMax", DEFAULT.restartMax(), Duration.ofMillis(10), Duration.ofHours(1));
    if (restartMax.compareTo(restartMin) < 0) {
      throw new ConfigException(
          n.pathOf("restartMax"),
          "must be at least restartMin ("
              + DurationText.format(restartMin)
              + "), got "
              + DurationText.format(restartMax));
    }
    return new WebSdkDriverConfig(
        dir == null || dir.isBlank() ? DEFAULT_DIR : n.filePath("dir", dir),
        node == null ? DEFAULT.node() : n.filePath("node", node),
        (int) n.integer("maxProbes", DEFAULT_MAX_PROBES, 1, MAX_MAX_PROBES),
        DurationText.read(
            n,
            "healthInterval",
            DEFAULT.healthInterval(),
            Duration.ofMillis(100),
            Duration.ofMinutes(1)),
        DurationText.read(
            n,
            "healthTimeout",
            DEFAULT.healthTimeout(),
            Duration.ofMillis(100),
            Duration.ofMinutes(5)),
        restartMin,
        restartMax);
  }
}
