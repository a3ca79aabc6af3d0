package dev.nexconn.exporter.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar ({@code -Dnexconn.jar}, set by failsafe) running as a child process, with the base
 * URL it prints on start. Closing it sends SIGTERM and waits a bounded time. The signal goes
 * through the {@link ProcessHandle}: {@link Process#destroy()} also closes our end of the pipes,
 * which would lose everything the process prints while it shuts down.
 */
public final class ExporterJarProcess implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");

  private final Process process;
  private final String baseUrl;
  private final StringBuilder output;
  private final Thread reader;

  private ExporterJarProcess(Process process, String baseUrl, StringBuilder output, Thread reader) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.output = output;
    this.reader = reader;
  }

  /** Everything the process printed so far (stdout and stderr). */
  public String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** Starts {@code java -jar <nexconn.jar> args...} and waits up to 60 s for its URL line. */
  public static ExporterJarProcess start(String... args) throws Exception {
    return startWithJvmOptions(List.of(), args);
  }

  /**
   * Like {@link #start} with JVM options before {@code -jar}, e.g. {@code -Djdk.net.hosts.file}.
   */
  public static ExporterJarProcess startWithJvmOptions(List<String> jvmOptions, String... args)
      throws Exception {
    return startWithLauncher(List.of(), java.util.Map.of(), jvmOptions, args);
  }

  /**
   * Like {@link #startWithJvmOptions} with words before {@code java} that must end by exec'ing it
   * (e.g. {@code unshare -n sh -c '... exec "$@"' sh}), so that {@link #pid()} is the JVM's, and
   * extra environment variables.
   */
  public static ExporterJarProcess startWithLauncher(
      List<String> launcher,
      java.util.Map<String, String> environment,
      List<String> jvmOptions,
      String... args)
      throws Exception {
    String jar = System.getProperty("nexconn.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "system property nexconn.jar must name the built jar (run through mvn verify), got "
              + jar);
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(launcher);
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process p = builder.start();
    CompletableFuture<String> url = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  Matcher m = URL.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  }
                }
              } catch (IOException e) {
                url.completeExceptionally(e);
              }
              url.completeExceptionally(new IllegalStateException("exited:\n" + output));
            },
            "exporter-jar-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ExporterJarProcess(p, url.get(60, TimeUnit.SECONDS), output, reader);
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** The process id (the JVM's, when a launcher exec'ed it). */
  public long pid() {
    return process.pid();
  }

  /** For example {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Sends SIGTERM and returns the exit code; fails when the process has not exited within 20 s.
   * Afterwards {@link #output()} holds everything it printed, its shutdown lines included.
   */
  public int terminate() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new AssertionError("the exporter did not exit within 20 s of SIGTERM:\n" + output());
    }
    reader.join(5000); // the pipe reaches its end once the process has exited
    return process.exitValue();
  }

  /** Sends SIGKILL (no shutdown hook runs) and waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new AssertionError("the exporter did not die within 20 s of SIGKILL");
    }
  }

  @Override
  public void close() throws Exception {
    process.toHandle().destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
