package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus}) on loopback for integration tests: scrapes one
 * target every second and loads the given rule files. Stop it with {@link #close()}.
 */
public final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts Prometheus scraping {@code target} ({@code host:port}) and evaluating {@code ruleFiles}
   * every second.
   */
  public static PrometheusServer start(Path workDir, String target, List<Path> ruleFiles)
      throws IOException, InterruptedException {
    return start(workDir, target, ruleFiles, Duration.ofSeconds(1), "namespace: test", null);
  }

  /**
   * Starts Prometheus scraping {@code target} and evaluating {@code ruleFiles} every {@code
   * interval}; {@code targetLabels} is the YAML flow-map body of the target's labels besides {@code
   * pod} (e.g. {@code namespace: test}); alerts go to {@code alertmanager} ({@code host:port}) when
   * it is not null.
   */
  public static PrometheusServer start(
      Path workDir,
      String target,
      List<Path> ruleFiles,
      Duration interval,
      String targetLabels,
      String alertmanager)
      throws IOException, InterruptedException {
    Path binary = ExternalTool.require("prometheus", "prometheus");
    int port = freePort();
    StringBuilder rules = new StringBuilder();
    for (Path r : ruleFiles) {
      rules.append("  - ").append(r.toAbsolutePath()).append('\n');
    }
    String every = RuleDurationScaler.format(interval.toMillis());
    String alerting =
        alertmanager == null
            ? ""
            : """
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['%s']
            """
                .formatted(alertmanager);
    Path config = workDir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: %s
          evaluation_interval: %s
        rule_files:
        %s
        %sscrape_configs:
          - job_name: nexconn-exporter
            static_configs:
              - targets: ['%s']
                labels: {%s, pod: nexconn-exporter-0}
        """
            .formatted(
                every, every, rules.toString().stripTrailing(), alerting, target, targetLabels));
    Path log = workDir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server = new PrometheusServer(p, port);
    server.awaitReady(Duration.ofSeconds(30), log);
    return server;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:9090}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Runs an instant query and returns the {@code data} node; fails on a query error. */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /**
   * Runs a range query from {@code start} to {@code end} every {@code step} and returns the {@code
   * data} node (a matrix); fails on a query error.
   */
  public JsonNode queryRange(String promql, Instant start, Instant end, Duration step)
      throws IOException, InterruptedException {
    return get(
        "/api/v1/query_range?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&start="
            + start.toEpochMilli() / 1000.0
            + "&end="
            + end.toEpochMilli() / 1000.0
            + "&step="
            + step.toMillis() / 1000.0);
  }

  /** GET an API path and return its {@code data} node. */
  public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    if (!"success".equals(body.path("status").asText())) {
      throw new AssertionError(pathAndQuery + " failed: " + r.body());
    }
    return body.path("data");
  }

  private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "prometheus not ready after " + timeout + ": " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
