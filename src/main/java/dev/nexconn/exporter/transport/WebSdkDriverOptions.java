package dev.nexconn.exporter.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@link WebSdkDriverTransport} starts and supervises the Node driver in {@code
 * drivers/web-sdk} ({@code docs/protocol.md}, "Web SDK driver protocol").
 *
 * @param node the {@code node} binary (Debian {@code nodejs})
 * @param driverDir the folder holding {@code driver.js} and its {@code node_modules}
 * @param appKey the App Key every probe's SDK is initialised with
 * @param navigators navigation server URLs ({@code init({navigators})}); empty: the SDK's default
 * @param production true lets the SDK reach any host; false refuses every non-loopback URL
 * @param allowHosts host names the SDK may reach besides loopback when not in production
 * @param maxProbes the most probes (worker threads) one driver process holds
 * @param healthInterval how often the driver is asked for health
 * @param healthTimeout a health answer later than this counts as a hung driver: it is killed
 * @param restartMin first restart delay after an incident; doubled per quick repeat
 * @param restartMax the longest restart delay
 * @param launcher words put before {@code node}, e.g. {@code unshare -n ...} in tests; empty in
 *     production
 * @param extraArgs further driver arguments (tests: {@code --sdk-module=...}, {@code
 *     --test-commands})
 */
public record WebSdkDriverOptions(
    Path node,
    Path driverDir,
    String appKey,
    List<String> navigators,
    boolean production,
    List<String> allowHosts,
    int maxProbes,
    Duration healthInterval,
    Duration healthTimeout,
    Duration restartMin,
    Duration restartMax,
    List<String> launcher,
    List<String> extraArgs) {

  /** The documented default limit of probes per driver process ({@code docs/engine.md}). */
  public static final int DEFAULT_MAX_PROBES = 20;

  public WebSdkDriverOptions {
    navigators = List.copyOf(navigators);
    allowHosts = List.copyOf(allowHosts);
    launcher = List.copyOf(launcher);
    extraArgs = List.copyOf(extraArgs);
    if (appKey == null || appKey.isBlank()) {
      throw new IllegalArgumentException("web-sdk driver needs an App Key");
    }
    if (maxProbes < 1) {
      throw new IllegalArgumentException("web-sdk driver maxProbes must be >= 1, got " + maxProbes);
    }
  }

  /** Loopback-only defaults: 1 s health interval, 3 s health timeout, restarts 1 s to 30 s. */
  public static WebSdkDriverOptions defaults(
      Path node, Path driverDir, String appKey, List<String> navigators) {
    return new WebSdkDriverOptions(
        node,
        driverDir,
        appKey,
        navigators,
        false,
        List.of(),
        DEFAULT_MAX_PROBES,
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        List.of(),
        List.of());
  }

  /** A copy with a launcher prefix and extra driver arguments. */
  public WebSdkDriverOptions withLaunch(List<String> launcherWords, List<String> args) {
    return new WebSdkDriverOptions(
        node,
        driverDir,
        appKey,
        navigators,
        production,
        allowHosts,
        maxProbes,
        healthInterval,
        healthTimeout,
        restartMin,
        restartMax,
        launcherWords,
        args);
  }

  /** A copy with other supervision timings. */
  public WebSdkDriverOptions withSupervision(
      Duration interval, Duration timeout, Duration restartFirst, Duration restartLongest) {
    return new WebSdkDriverOptions(
        node,
        driverDir,
        appKey,
        navigators,
        production,
        allowHosts,
        maxProbes,
        interval,
        timeout,
        restartFirst,
        restartLongest,
        launcher,
        extraArgs);
  }

  /** A copy with another probe limit. */
  public WebSdkDriverOptions withMaxProbes(int max) {
    return new WebSdkDriverOptions(
        node,
        driverDir,
        appKey,
        navigators,
        production,
        allowHosts,
        max,
        healthInterval,
        healthTimeout,
        restartMin,
        restartMax,
        launcher,
        extraArgs);
  }

  /** The full command line of the driver process. */
  List<String> command() {
    List<String> cmd = new java.util.ArrayList<>(launcher);
    cmd.add(node.toString());
    cmd.add(driverDir.resolve("driver.js").toString());
    cmd.add("--max-probes=" + maxProbes);
    if (production) {
      cmd.add("--production");
    }
    for (String h : allowHosts) {
      cmd.add("--allow-host=" + h);
    }
    cmd.addAll(extraArgs);
    return cmd;
  }
}
