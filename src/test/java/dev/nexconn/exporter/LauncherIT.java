package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.support.ExporterJarProcess;
import dev.nexconn.exporter.support.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Starts the built jar as its own process in demo mode, scrapes it, and stops it with SIGTERM: what
 * a user gets from {@code bin/nexconn-exporter}.
 */
class LauncherIT {
  @Test
  void theDemoServesConnectedProbesAndExitsZeroOnSigterm() throws Exception {
    try (ExporterJarProcess jar = ExporterJarProcess.start("--http-port", "0")) {
      HttpClient http = HttpClient.newHttpClient();
      URI metrics = URI.create(jar.baseUrl() + "/metrics");
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  PrometheusText.value(
                          http.send(
                                  HttpRequest.newBuilder(metrics).build(),
                                  HttpResponse.BodyHandlers.ofString())
                              .body(),
                          "nexconn_connections",
                          "source",
                          "probe",
                          "status",
                          "connected")
                      >= 1);

      assertThat(jar.terminate()).as("exit code after SIGTERM").isZero();
      // The image's platform: the probes' memory budget (docs/benchmarks.md, memory per probe)
      // assumes Netty's epoll transport, so losing its native library must not pass unnoticed.
      if (System.getProperty("os.name").equals("Linux")
          && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))) {
        assertThat(jar.output()).contains("transport=epoll").doesNotContain("transport=nio");
      }
    }
  }
}
