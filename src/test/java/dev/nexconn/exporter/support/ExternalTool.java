package dev.nexconn.exporter.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds an external binary a test needs. A missing binary fails the test (it never skips) with a
 * message that names the Debian package to install; {@code bin/test} installs them all.
 */
public final class ExternalTool {
  private ExternalTool() {}

  /** The path of {@code command}, from {@code PATH} or {@code /usr/bin}. */
  public static Path require(String command, String debianPackage) {
    String pathEnv = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : (pathEnv + ":/usr/bin:/usr/sbin").split(":")) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message =
        command
            + " is not installed: run bin/test (it installs it) or apt-get install "
            + debianPackage;
    throw new AssertionError(message);
  }
}
