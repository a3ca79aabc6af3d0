package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.WebhookTestReceiver;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nexconn-exporter emulator --scenario FILE} plays the scenario against a sidecar, then
 * exits 0.
 */
class EmulatorCommandIT {
  @TempDir Path dir;

  @Test
  @Timeout(30)
  void aScenarioRunReportsToTheSidecarAndExitsWhenDone() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebhookTestReceiver sidecar = new WebhookTestReceiver(vertx, 202);
      Path file = dir.resolve("quick.yaml");
      Files.writeString(
          file,
          """
          name: quick
          duration: 3s
          fleet: {apps: 10, statusChangesPerSecond: 0, rampUp: 200ms}
          timeline:
            - {at: 1s, action: kick, percent: 100, over: 100ms}
          """);
      int code =
          new CommandLine(new Main())
              .execute(
                  "emulator",
                  "--port",
                  "0",
                  "--admin-port",
                  "0",
                  "--scenario",
                  file.toString(),
                  "--sidecar",
                  sidecar.url(""));
      assertThat(code).isZero();
      assertThat(sidecar.received())
          .anyMatch(r -> r.path().equals("/api/v1/events"))
          .anyMatch(r -> r.path().equals("/api/v1/webhooks/nexconn"));
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
