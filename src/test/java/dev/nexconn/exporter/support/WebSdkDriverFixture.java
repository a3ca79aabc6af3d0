package dev.nexconn.exporter.support;

import dev.nexconn.exporter.transport.WebSdkDriverOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Node driver in {@code drivers/web-sdk} for tests: installs its pinned packages once per JVM
 * with {@code npm ci} (from the lock file) and builds options that start it in a network namespace
 * of its own where only loopback exists ({@code unshare -n}, {@code ip link set lo up}), so the
 * vendor SDK can reach nothing beyond loopback even if the driver's own guard failed. Needs root,
 * {@code node}, {@code npm}, {@code unshare} and {@code ip}: a missing tool fails the test.
 */
public final class WebSdkDriverFixture {
  /** The driver folder, from the Maven base directory. */
  public static final Path DRIVER_DIR = Path.of("drivers", "web-sdk").toAbsolutePath();

  /** The scripted stand-in for the vendor SDK ({@code test/fixtures/fake-sdk.js}). */
  public static final Path FAKE_SDK = DRIVER_DIR.resolve("test/fixtures/fake-sdk.js");

  private static boolean installed;

  private WebSdkDriverFixture() {}

  /** Installs the driver's packages from its lock file (once per JVM) and returns node's path. */
  public static synchronized Path install() throws IOException, InterruptedException {
    Path node = ExternalTool.require("node", "nodejs");
    ExternalTool.require("unshare", "util-linux");
    ExternalTool.require("ip", "iproute2");
    if (!installed) {
      // Always from the lock file: a stale node_modules must not hide a lock file change.
      NpmLockInstall.install(DRIVER_DIR);
      installed = Files.isDirectory(DRIVER_DIR.resolve("node_modules/@rongcloud/imlib-next"));
      if (!installed) {
        throw new AssertionError("npm ci did not install @rongcloud/imlib-next");
      }
    }
    return node;
  }

  /** The words that start a program in a fresh loopback-only network namespace. */
  public static List<String> loopbackOnlyLauncher() {
    return List.of(
        ExternalTool.require("unshare", "util-linux").toString(),
        "-n",
        "sh",
        "-c",
        "ip link set lo up && exec \"$0\" \"$@\"");
  }

  /** Options for a driver in its own namespace, with the given extra driver arguments. */
  public static WebSdkDriverOptions options(List<String> navigators, String... driverArgs)
      throws IOException, InterruptedException {
    Path node = install();
    return WebSdkDriverOptions.defaults(node, DRIVER_DIR, "test-app-key", navigators)
        .withLaunch(loopbackOnlyLauncher(), new ArrayList<>(List.of(driverArgs)));
  }
}
