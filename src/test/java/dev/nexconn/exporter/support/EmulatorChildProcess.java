package dev.nexconn.exporter.support;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator of the packaged jar in its own JVM on loopback, so that its sockets and heap do not
 * share the benchmark's process (each side stays well under the 20,000 open-file limit). Knows the
 * public port, the fault admin port and the App Key/Secret it was started with.
 */
public final class EmulatorChildProcess implements AutoCloseable {
  public static final String APP_KEY = "bench-key";
  public static final String APP_SECRET = "bench-secret";
  private static final Pattern LISTENING =
      Pattern.compile(
          "listening on http://127\\.0\\.0\\.1:(\\d+).*fault admin API http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final int port;
  private final int adminPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private EmulatorChildProcess(Process process, int port, int adminPort) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
  }

  /** Starts {@code java -Xmx1g -jar <jar> emulator} on ephemeral ports; waits up to 30 s. */
  public static EmulatorChildProcess start(Path jar) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("packaged jar " + jar + " is missing: run mvn package first");
    }
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-jar",
            jar.toString(),
            "emulator",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--admin-port",
            "0",
            "--api-rate",
            // No Server API limit unless a run asks for one: the benchmarks measure sockets.
            System.getProperty("bench.emulator.apiRate", "0"),
            "--app-key",
            APP_KEY,
            "--app-secret-env",
            "BENCH_SECRET");
    pb.environment().put("BENCH_SECRET", APP_SECRET);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    StringBuilder seen = new StringBuilder();
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // Keep the child's pipe from filling up.
                    }
                  } catch (IOException e) {
                    // The child exited.
                  }
                },
                "emulator-child-output");
        drain.setDaemon(true);
        drain.start();
        return new EmulatorChildProcess(
            p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
    }
    p.destroyForcibly();
    throw new AssertionError("the emulator child did not report its ports; it printed:\n" + seen);
  }

  /** The public port (protocol v1 endpoint and Server API). */
  public int port() {
    return port;
  }

  /** {@code ws://127.0.0.1:<port>/v1/connect}. */
  public URI connectUri() {
    return URI.create("ws://127.0.0.1:" + port + "/v1/connect");
  }

  /** {@code http://127.0.0.1:<port>}, the Server API base. */
  public URI apiBase() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** {@code POST /admin/v1/<path>} with a JSON body; returns the answer. */
  public JsonObject admin(String path, JsonObject body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(adminUri(path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build());
  }

  /** {@code GET /admin/v1/<path>}. */
  public JsonObject adminGet(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(adminUri(path)).timeout(Duration.ofSeconds(10)).build());
  }

  private JsonObject send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + " -> " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  private URI adminUri(String path) {
    return URI.create("http://127.0.0.1:" + adminPort + "/admin/v1/" + path);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
