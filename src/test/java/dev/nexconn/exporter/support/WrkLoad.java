package dev.nexconn.exporter.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrk} in its own process posting SDK report batches to {@code /api/v1/events} with {@code
 * src/test/resources/wrk/ingest.lua}: a fresh batch id per request, the body built once per thread.
 * Reads the script's {@code WRK ...} summary line.
 */
public final class WrkLoad {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");

  /**
   * One wrk run.
   *
   * @param requests completed requests
   * @param statusErrors completed requests answered with a status >= 400
   * @param socketErrors connect, read and write errors and timeouts
   * @param latencyMicros p50, p90, p99 and max per batch, from send to answer
   */
  public record Result(
      int batch,
      int connections,
      Duration elapsed,
      long requests,
      long statusErrors,
      long socketErrors,
      long[] latencyMicros) {
    /** Events in batches the sidecar answered 202: what an app was told was accepted. */
    public long eventsAcknowledged() {
      return (requests - statusErrors) * batch;
    }

    public double eventsPerSecond() {
      return eventsAcknowledged() / (elapsed.toNanos() / 1e9);
    }

    public double p99Millis() {
      return latencyMicros[2] / 1000.0;
    }
  }

  private WrkLoad() {}

  /** The ingest Lua script, copied out of the test classpath. */
  public static Path script(Path dir) throws IOException {
    return script(dir, "ingest.lua");
  }

  /**
   * Runs {@code wrk} with {@code args} (a script whose {@code done} prints a {@code WRK} line) and
   * returns that line's fields: requests, duration_us, bytes, status_errors, connect_errors,
   * read_errors, write_errors, timeouts, p50_us, p90_us, p99_us, max_us.
   */
  public static java.util.Map<String, Long> exec(List<String> args, Duration duration)
      throws IOException, InterruptedException {
    Path wrk = ExternalTool.require("wrk", "wrk");
    List<String> command = new java.util.ArrayList<>(List.of(wrk.toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("wrk did not finish within its duration + 30 s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    String line =
        text.lines()
            .filter(l -> l.startsWith("WRK "))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("wrk printed no summary:\n" + text));
    Matcher m = FIELD.matcher(line);
    java.util.Map<String, Long> f = new java.util.HashMap<>();
    while (m.find()) {
      f.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return f;
  }

  /** A script of {@code src/test/resources/wrk}, copied out of the test classpath. */
  public static Path script(Path dir, String name) throws IOException {
    Path out = dir.resolve(name);
    try (InputStream in = WrkLoad.class.getResourceAsStream("/wrk/" + name)) {
      if (in == null) {
        throw new IllegalStateException("wrk/" + name + " is not on the test classpath");
      }
      Files.write(out, in.readAllBytes());
    }
    return out;
  }

  /** Runs {@code wrk} against {@code baseUrl} and returns its summary. */
  public static Result run(
      Path script,
      String baseUrl,
      int threads,
      int connections,
      Duration duration,
      int batch,
      String apiKey,
      String runId)
      throws IOException, InterruptedException {
    java.util.Map<String, Long> f =
        exec(
            List.of(
                "-t" + threads,
                "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                baseUrl,
                "--",
                Integer.toString(batch),
                apiKey,
                runId),
            duration);
    return new Result(
        batch,
        connections,
        Duration.ofNanos(f.get("duration_us") * 1000),
        f.get("requests"),
        f.get("status_errors"),
        f.get("connect_errors") + f.get("read_errors") + f.get("write_errors") + f.get("timeouts"),
        new long[] {f.get("p50_us"), f.get("p90_us"), f.get("p99_us"), f.get("max_us")});
  }
}
