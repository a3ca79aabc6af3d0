package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.support.AlertmanagerProcess;
import dev.nexconn.exporter.support.ExporterJarProcess;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar delivers every alert to every Alertmanager behind one name, as Alertmanager's docs ask of
 * clients: two real Alertmanagers listen on 127.0.0.1 and 127.0.0.2 at the same port, the name
 * {@code alertmanagers.test} resolves to both (a JDK hosts file stands in for a headless Service),
 * and the sidecar is configured with {@code discovery: dns}. Both receive a ban spike; with one
 * stopped, an alert raised meanwhile reaches the other at once and the stopped one once it is back:
 * nothing is lost.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlertmanagerClusterIT {
  private static final String KEY = "cluster-it-key-0123456789abcdef";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyAlertmanagerBehindTheNameReceivesEveryAlert(@TempDir Path dir) throws Exception {
    int port = freePortOnBothAddresses();
    Path hosts =
        Files.writeString(
            dir.resolve("hosts"), "127.0.0.1 alertmanagers.test\n127.0.0.2 alertmanagers.test\n");
    Path keys = Files.writeString(dir.resolve("api-keys"), KEY + "\n");
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            """
            http: {host: 127.0.0.1, port: 0}
            ingest:
              apiKeysFile: %s
            alerting:
              resendInterval: 2s
              delivery: {initialBackoff: 200ms, maxBackoff: 1s}
              alertmanagers:
                - name: am
                  url: http://alertmanagers.test:%d
                  discovery: dns
                  refreshInterval: 1s
            """
                .formatted(keys, port));
    Files.createDirectories(dir.resolve("am1"));
    Files.createDirectories(dir.resolve("am2"));
    try (AlertmanagerProcess am1 =
            AlertmanagerProcess.start(dir.resolve("am1"), "127.0.0.1", port);
        AlertmanagerProcess am2 = AlertmanagerProcess.start(dir.resolve("am2"), "127.0.0.2", port);
        ExporterJarProcess jar =
            ExporterJarProcess.startWithJvmOptions(
                List.of("-Djdk.net.hosts.file=" + hosts),
                "--config",
                config.toString(),
                "--http-port",
                "0")) {
      String base = jar.baseUrl();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> metrics(base).contains("receiver=\"am@127.0.0.2\""));

      // 60 bans: the ban rule's cold-start floor, so it fires on this batch.
      post(base, batch("b-1", 60, 16, 31011));
      await().atMost(Duration.ofSeconds(10)).until(() -> holds(am1, "NexconnBanSpike"));
      await().atMost(Duration.ofSeconds(10)).until(() -> holds(am2, "NexconnBanSpike"));

      am2.stop();
      // 80 accounts deactivated (user_abandon 19, code 31029): the user-abandon cold-start floor.
      post(base, batch("b-2", 80, 19, 31029));
      await().atMost(Duration.ofSeconds(10)).until(() -> holds(am1, "NexconnUserAbandonSpike"));
      String during = metrics(base);
      assertThat(
              PrometheusText.value(
                  during,
                  "nexconn_alert_notifications_total",
                  "outcome",
                  "failure",
                  "receiver",
                  "am@127.0.0.2"))
          .isPositive();

      am2.restart();
      await().atMost(Duration.ofSeconds(15)).until(() -> holds(am2, "NexconnUserAbandonSpike"));
      String after = metrics(base);
      for (String address : List.of("127.0.0.1", "127.0.0.2")) {
        assertThat(
                PrometheusText.value(
                    after,
                    "nexconn_alert_notifications_total",
                    "outcome",
                    "dropped",
                    "receiver",
                    "am@" + address))
            .isZero();
      }
    }
  }

  private static int freePortOnBothAddresses() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        int port = a.getLocalPort();
        try (ServerSocket b = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.2"))) {
          return port;
        } catch (java.io.IOException taken) {
          // try another port
        }
      }
    }
    throw new IllegalStateException("no port free on both 127.0.0.1 and 127.0.0.2");
  }

  private static boolean holds(AlertmanagerProcess am, String alertname) throws Exception {
    JsonArray alerts = am.alerts();
    for (int i = 0; i < alerts.size(); i++) {
      JsonObject labels = alerts.getJsonObject(i).getJsonObject("labels");
      if (alertname.equals(labels.getString("alertname"))) {
        return true;
      }
    }
    return false;
  }

  private static String batch(String id, int n, int status, int code) {
    long at = Instant.now().toEpochMilli();
    String events =
        IntStream.range(0, n)
            .mapToObj(
                i ->
                    "{\"type\":\"status\",\"at\":%d,\"status\":%d,\"errorCode\":%d}"
                        .formatted(at, status, code))
            .collect(Collectors.joining(","));
    return "{\"batchId\":\"%s\",\"app\":{\"platform\":\"ios\",\"appVersion\":\"7.4.0\"},\"events\":[%s]}"
        .formatted(id, events);
  }

  private void post(String base, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(new JsonObject(r.body()).getInteger("rejected")).as(r.body()).isZero();
  }

  private String metrics(String base) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
