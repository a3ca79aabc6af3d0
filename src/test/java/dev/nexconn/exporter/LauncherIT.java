package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starts the built jar as its own process in demo mode, scrapes it, and stops it with SIGTERM: what
 * a user gets from {@code bin/nexconn-exporter}.
 */
class LauncherIT {
  private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern CONNECTED =
      Pattern.compile("nexconn_connections\\{source=\"probe\",status=\"connected\"} (\\d+)\\.0");
  private Process process;

  @AfterEach
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void theDemoServesConnectedProbesAndExitsZeroOnSigterm() throws Exception {
    Path jar = Path.of(System.getProperty("nexconn.jar", "target/nexconn-exporter.jar"));
    assertThat(jar).as("the shaded jar built by mvn package").exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(java, "-jar", jar.toString(), "--http-port", "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  Matcher m = URL.matcher(line);
                  if (m.find()) {
                    return Integer.parseInt(m.group(1));
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              throw new IllegalStateException("process ended without printing its URL");
            });
    int httpPort = port.get(30, TimeUnit.SECONDS);

    HttpClient http = HttpClient.newHttpClient();
    URI metrics = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              String body =
                  http.send(
                          HttpRequest.newBuilder(metrics).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              Matcher m = CONNECTED.matcher(body);
              return m.find() && Integer.parseInt(m.group(1)) >= 1;
            });

    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s").isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(Files.exists(jar)).isTrue();
  }
}
