package dev.nexconn.exporter.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program a test needs (kubectl, chromium, promtool, jdeps) with a time limit and
 * captures its output. A missing program fails the test through {@link ExternalTool}, naming the
 * Debian package to install.
 *
 * <pre>{@code
 * ToolProcess.Run run = ToolProcess.require("kubectl", "kubectl").run(60, "kustomize", "k8s/base");
 * }</pre>
 */
public final class ToolProcess {
  private final Path path;

  private ToolProcess(Path path) {
    this.path = path;
  }

  /** The program {@code command} from the PATH; fails naming {@code debianPackage} if missing. */
  public static ToolProcess require(String command, String debianPackage) {
    return new ToolProcess(ExternalTool.require(command, debianPackage));
  }

  /** A program at a known path, for example a JDK tool under {@code java.home}. */
  public static ToolProcess at(Path path) {
    if (!Files.isExecutable(path)) {
      throw new AssertionError(path + " is not an executable file");
    }
    return new ToolProcess(path);
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
