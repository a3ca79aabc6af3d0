package dev.nexconn.exporter.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external program a test needs (kubectl, chromium). When it is missing the test is skipped on a
 * developer machine but fails under {@code CI=true}, naming the program and the package to install.
 */
public final class RequiredTool {
  private final Path path;

  private RequiredTool(Path path) {
    this.path = path;
  }

  /** The first executable of {@code candidates} that exists. */
  public static RequiredTool find(String debianPackage, String... candidates) {
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isExecutable(p)) {
        return new RequiredTool(p);
      }
    }
    String message =
        "none of "
            + List.of(candidates)
            + " is installed: install the Debian package '"
            + debianPackage
            + "'";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    assumeTrue(false, message);
    throw new IllegalStateException(message);
  }

  /** The program's path. */
  public Path path() {
    return path;
  }

  /** The result of one run. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /** Runs the program with {@code args}, killing it after {@code timeoutSeconds}. */
  public Run run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(path.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("tool-out", ".txt");
    Path err = Files.createTempFile("tool-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            path + " did not finish within " + timeoutSeconds + " s: " + command);
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
