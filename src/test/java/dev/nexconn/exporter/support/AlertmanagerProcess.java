package dev.nexconn.exporter.support;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) on 127.0.0.1 with a minimal
 * config, a temp storage dir and clustering off. It can be stopped and started again on the same
 * port to simulate an outage. A missing binary fails the test through {@link ExternalTool}, naming
 * the Debian package.
 */
public final class AlertmanagerProcess implements AutoCloseable {
  private static final String CONFIG =
      """
      route:
        receiver: blackhole
        group_wait: 1s
        group_interval: 1s
      receivers:
        - name: blackhole
      """;

  private final Path binary;
  private final Path dir;
  private final String host;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  private AlertmanagerProcess(Path binary, Path dir, String host, int port) {
    this.binary = binary;
    this.dir = dir;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts an Alertmanager on a given loopback address and port (two instances can share a port on
   * 127.0.0.1 and 127.0.0.2, as the pods behind one headless Service do).
   */
  public static AlertmanagerProcess start(Path dir, String host, int port)
      throws IOException, InterruptedException {
    return start(dir, host, port, CONFIG);
  }

  /** Starts one with the given configuration (its receivers must point at loopback). */
  public static AlertmanagerProcess start(Path dir, String host, int port, String config)
      throws IOException, InterruptedException {
    if (!host.startsWith("127.")) {
      throw new IllegalArgumentException("tests listen on loopback only, got " + host);
    }
    Path binary = ExternalTool.require("prometheus-alertmanager", "prometheus-alertmanager");
    AlertmanagerProcess am = new AlertmanagerProcess(binary, dir, host, port);
    Files.writeString(dir.resolve("alertmanager.yml"), config);
    am.restart();
    return am;
  }

  /** Starts an Alertmanager on a free loopback port and waits until it is ready. */
  public static AlertmanagerProcess start(Path dir) throws IOException, InterruptedException {
    Path binary = ExternalTool.require("prometheus-alertmanager", "prometheus-alertmanager");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return start(dir, "127.0.0.1", port);
  }

  /** (Re)starts the process on the same port and storage, waiting up to 15 s for readiness. */
  public void restart() throws IOException, InterruptedException {
    Path log = dir.resolve("alertmanager.log");
    process =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--config.file=" + dir.resolve("alertmanager.yml"),
                    "--storage.path=" + dir.resolve("data"),
                    "--web.listen-address=" + host + ":" + port,
                    "--cluster.listen-address=",
                    "--log.level=warn"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Alertmanager exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(url("/-/ready")).timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("Alertmanager not ready in 15 s:\n" + Files.readString(log));
  }

  /** Kills the process and waits for it to exit. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Kills the process with SIGKILL, as a crash or an OOM kill would, and waits for it to exit: no
   * graceful shutdown, the port refuses connections at once.
   */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Starts it again on the same port with its storage deleted first: a replacement instance with no
   * silences and no notification log (alerts live only in memory, so they are gone either way).
   */
  public void restartFresh() throws IOException, InterruptedException {
    Path data = dir.resolve("data");
    if (Files.exists(data)) {
      try (var paths = Files.walk(data)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    restart();
  }

  /** Alertmanager's own {@code GET /metrics} (Prometheus text). */
  public String metrics() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(url("/metrics")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics -> " + r.statusCode());
    }
    return r.body();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://" + host + ":" + port;
  }

  /** {@code POST /api/v2/alerts} with the given JSON array; returns the HTTP status. */
  public int post(JsonArray alerts) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(url("/api/v2/alerts"))
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alerts.encode()))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** A free port on 127.0.0.1. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds as active. */
  public JsonArray alerts() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(url("/api/v2/alerts")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET /api/v2/alerts -> " + r.statusCode() + ": " + r.body());
    }
    return new JsonArray(r.body());
  }

  private URI url(String path) {
    return URI.create(baseUrl() + path);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
