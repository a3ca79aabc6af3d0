package dev.nexconn.exporter.transport;

import dev.nexconn.exporter.config.ConfigException;
import dev.nexconn.exporter.config.WebSdkConfig;
import dev.nexconn.exporter.config.WebSdkDriverConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Checks that what {@code upstream.webSdk.driver} names is there before anything starts, so that
 * {@code check-config} and a start report the same key: the driver folder with its installed
 * packages, and an executable {@code node}.
 */
final class WebSdkDriverInstall {
  private static final String DIR_KEY = "upstream.webSdk.driver.dir";
  private static final String NODE_KEY = "upstream.webSdk.driver.node";

  private WebSdkDriverInstall() {}

  /** Driver options for production use (no launcher, no test arguments). */
  static WebSdkDriverOptions options(WebSdkConfig sdk, Function<String, String> env) {
    WebSdkDriverConfig d = sdk.driver();
    return new WebSdkDriverOptions(
        node(d.node(), env),
        dir(d.dir()),
        sdk.appKey(),
        sdk.navigators().stream().map(Object::toString).toList(),
        sdk.production(),
        sdk.allowHosts(),
        d.maxProbes(),
        d.healthInterval(),
        d.healthTimeout(),
        d.restartMin(),
        d.restartMax(),
        List.of(),
        List.of());
  }

  static Path dir(Path configured) {
    Path dir = configured.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("driver.js"))) {
      throw new ConfigException(
          DIR_KEY,
          dir
              + " has no driver.js: set it to the folder holding drivers/web-sdk (the web-sdk"
              + " image has it at "
              + WebSdkDriverConfig.DEFAULT_DIR
              + ")");
    }
    if (!Files.isDirectory(dir.resolve("node_modules/@rongcloud/imlib-next"))) {
      throw new ConfigException(
          DIR_KEY,
          dir + " has no node_modules/@rongcloud/imlib-next: run npm ci --omit=dev in that folder");
    }
    return dir;
  }

  static Path node(Path configured, Function<String, String> env) {
    if (configured.getNameCount() == 1 && !configured.isAbsolute()) {
      String path = env.apply("PATH");
      for (String entry : (path == null ? "" : path).split(File.pathSeparator)) {
        Path candidate = Path.of(entry.isEmpty() ? "." : entry).resolve(configured);
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return candidate.toAbsolutePath();
        }
      }
      throw new ConfigException(
          NODE_KEY,
          "'"
              + configured
              + "' is not on PATH: install Debian's nodejs (the web-sdk image has it) or set the"
              + " full path of node");
    }
    if (!Files.isExecutable(configured) || Files.isDirectory(configured)) {
      throw new ConfigException(
          NODE_KEY, configured + " is not an executable file: set the full path of node");
    }
    return configured.toAbsolutePath();
  }
}
