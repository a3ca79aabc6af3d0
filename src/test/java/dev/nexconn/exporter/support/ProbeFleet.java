package dev.nexconn.exporter.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A whole sidecar with {@code n} probes, as deployed: the built jar in its own process (every sink
 * subscribed: metrics, status board, summary, alerting), its probes connected to the emulator in a
 * second process ({@link EmulatorChildProcess}) with Server API tokens, SDK ingest on. Probe
 * databases are off (they are files, not what the fleet benchmarks measure).
 */
public final class ProbeFleet implements AutoCloseable {
  /** The ingest API key of the fleet's sidecar. */
  public static final String API_KEY = "bench-fleet-key-0123456789abcdef";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final EmulatorChildProcess emulator;
  private final ExporterJarProcess sidecar;
  private final int probes;
  private final Duration connectAll;

  private ProbeFleet(
      EmulatorChildProcess emulator, ExporterJarProcess sidecar, int probes, Duration connectAll) {
    this.emulator = emulator;
    this.sidecar = sidecar;
    this.probes = probes;
    this.connectAll = connectAll;
  }

  /**
   * Starts the emulator and a sidecar with {@code probes} probes (0: none, and no upstream) and
   * waits until every probe is connected; {@code jvmOptions} go to the sidecar's JVM.
   */
  public static ProbeFleet start(Path dir, Path jar, int probes, List<String> jvmOptions)
      throws Exception {
    EmulatorChildProcess emulator = EmulatorChildProcess.start(jar);
    try {
      Path secret = dir.resolve("app-secret");
      Files.writeString(secret, EmulatorChildProcess.APP_SECRET);
      Path keys = dir.resolve("fleet-api-keys");
      Files.writeString(keys, API_KEY + "\n");
      String upstream =
          probes == 0
              ? ""
              : """
              upstream:
                url: ws://127.0.0.1:%1$d/v1/connect
                connectRatePerSecond: 2000
                connectBurst: 200
              probes:
                groups:
                  - name: fleet
                    count: %2$d
                    idPrefix: fleet-
                    database: {enabled: false}
                    token:
                      type: server-api
                      url: http://127.0.0.1:%1$d
                      appKey: %3$s
                      appSecretFile: %4$s
              """
                  .formatted(emulator.port(), probes, EmulatorChildProcess.APP_KEY, secret);
      Path config = dir.resolve("fleet-" + probes + ".yaml");
      Files.writeString(
          config,
          """
          http: {host: 127.0.0.1, port: 0}
          ingest:
            apiKeysFile: %s
            rateLimit: {batchesPerSecond: 100000, burst: 100000}
          %s"""
              .formatted(keys, upstream));
      long start = System.nanoTime();
      ExporterJarProcess sidecar =
          ExporterJarProcess.startWithJvmOptions(jvmOptions, "run", "--config", config.toString());
      ProbeFleet fleet = new ProbeFleet(emulator, sidecar, probes, Duration.ZERO);
      long deadline = System.nanoTime() + Duration.ofSeconds(60 + probes / 200).toNanos();
      while (fleet.connected() < probes) {
        if (System.nanoTime() > deadline) {
          double c = fleet.connected();
          fleet.close();
          throw new AssertionError(
              "only " + c + " of " + probes + " probes connected:\n" + sidecar.output());
        }
        Thread.sleep(200);
      }
      return new ProbeFleet(emulator, sidecar, probes, Duration.ofNanos(System.nanoTime() - start));
    } catch (Exception | AssertionError e) {
      emulator.close();
      throw e;
    }
  }

  /** Probes connected now, from the sidecar's own {@code nexconn_connections}. */
  public double connected() throws Exception {
    String m = metrics();
    return PrometheusText.has(m, "nexconn_connections", "source", "probe", "status", "connected")
        ? PrometheusText.value(m, "nexconn_connections", "source", "probe", "status", "connected")
        : 0;
  }

  /** One {@code GET /metrics}, asking for gzip or not; the body as bytes. */
  public HttpResponse<byte[]> scrapeBytes(boolean gzip) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sidecar.baseUrl() + "/metrics"))
            .timeout(Duration.ofSeconds(30));
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** One {@code GET /metrics} as text (never gzip). */
  public String metrics() throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(sidecar.baseUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Posts one SDK report batch; returns the status code. */
  public int post(String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(sidecar.baseUrl() + "/api/v1/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  public ExporterJarProcess sidecar() {
    return sidecar;
  }

  public EmulatorChildProcess emulator() {
    return emulator;
  }

  public int probes() {
    return probes;
  }

  /** From the sidecar's start until every probe was connected. */
  public Duration connectAll() {
    return connectAll;
  }

  @Override
  public void close() throws Exception {
    try {
      sidecar.close();
    } finally {
      emulator.close();
    }
  }
}
