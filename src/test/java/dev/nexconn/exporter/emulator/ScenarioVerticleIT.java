package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexconn.exporter.support.ProtocolTestClient;
import dev.nexconn.exporter.support.SignedApiClient;
import dev.nexconn.exporter.support.WebhookTestReceiver;
import dev.nexconn.exporter.transport.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short scenario file played against the emulator, a probe socket and a fake sidecar. */
class ScenarioVerticleIT {
  @TempDir Path dir;
  private Vertx vertx;
  private EmulatorVerticle emulator;
  private WebhookTestReceiver sidecar;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sidecar = new WebhookTestReceiver(vertx, 202);
    emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, "k", "s"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    ProtocolTestClient.closeAll();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aScenarioBansUsersOnTheServerAndInTheFleetThenFinishes() throws Exception {
    Path file = dir.resolve("short.yaml");
    Files.writeString(
        file,
        """
        name: short
        duration: 2s
        fleet: {apps: 20, statusChangesPerSecond: 0, rampUp: 300ms}
        timeline:
          - {at: 1s, action: ban, percent: 100, duration: 10m, over: 200ms}
        """);
    SignedApiClient api = new SignedApiClient(vertx, emulator.port(), "k", "s", Clock.systemUTC());
    ProtocolTestClient probe =
        ProtocolTestClient.connect(vertx, emulator.port(), api.issue("u1"), "d", false, false);
    assertThat(((Frame.ConnAck) probe.next()).code()).isZero();
    ScenarioVerticle player =
        new ScenarioVerticle(
            emulator.control(),
            VirtualAppOptions.forSidecar(sidecar.url(""), "key", "secret"),
            List.of(file.toString()),
            false,
            Clock.systemUTC(),
            new SplittableRandom(1),
            null);
    vertx.deployVerticle(player).await(10, TimeUnit.SECONDS);
    assertThat(((Frame.Disconnect) probe.next()).code())
        .isEqualTo(EmulatorCodes.BANNED_WHILE_CONNECTED);
    player.finished().await(10, TimeUnit.SECONDS);
    assertThat(
            sidecar.received().stream()
                .filter(r -> r.path().equals("/api/v1/events"))
                .flatMap(r -> r.body().getJsonArray("events").stream())
                .map(o -> (JsonObject) o)
                .filter(e -> Integer.valueOf(31011).equals(e.getValue("errorCode"))))
        .hasSize(20);
  }

  @Test
  void anUnknownScenarioFailsTheDeploymentNamingTheBuiltIns() {
    assertThatThrownBy(() -> ScenarioVerticle.validate(List.of("nope")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("kick-storm");
  }
}
