package dev.nexconn.exporter.support;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code npm ci} of a folder's lock file, as the tests that need npm packages run it: exactly the
 * pinned versions, no audit or funding calls, skipped when the marker package is already there. A
 * missing {@code npm} fails the test through {@link ExternalTool}, naming the Debian package.
 *
 * <pre>{@code
 * Path dir = NpmLockInstall.resource(KubernetesJsonSchemas.class, "/k8s-schema/package.json");
 * NpmLockInstall.install(dir, "kubernetes-models");
 * }</pre>
 */
public final class NpmLockInstall {
  private NpmLockInstall() {}

  /**
   * Installs {@code dir}'s lock file unless every {@code markers} package is installed already.
   *
   * @throws IllegalStateException when npm fails, with its error output
   */
  public static void install(Path dir, String... markers) throws IOException, InterruptedException {
    boolean present = markers.length > 0;
    for (String m : markers) {
      present &= Files.isDirectory(dir.resolve("node_modules").resolve(m));
    }
    if (present) {
      return;
    }
    ToolProcess.Run run =
        ToolProcess.require("npm", "npm")
            .run(
                300,
                "ci",
                "--prefix",
                dir.toString(),
                "--no-audit",
                "--no-fund",
                "--loglevel=error");
    if (run.exitCode() != 0) {
      throw new IllegalStateException(
          "npm ci in " + dir + " failed (exit " + run.exitCode() + "): " + run.stderr());
    }
  }

  /** The folder holding a test resource, e.g. {@code /k8s-schema/package.json}. */
  public static Path resource(Class<?> owner, String packageJson) {
    try {
      return Path.of(
              Objects.requireNonNull(
                      owner.getResource(packageJson),
                      packageJson + " is not on the test class path")
                  .toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(packageJson + ": " + e.getMessage(), e);
    }
  }
}
