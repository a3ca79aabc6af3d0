package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.engine.ConnectParams;
import dev.nexconn.exporter.engine.ProbeConnection;
import dev.nexconn.exporter.engine.ProbeSettings;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.EngineHarness;
import dev.nexconn.exporter.support.WebSdkDriverFixture;
import dev.nexconn.exporter.transport.WebSdkDriverOptions;
import dev.nexconn.exporter.transport.WebSdkDriverTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The unchanged engine on the Web SDK driver transport (driver in a loopback-only namespace, the
 * scripted SDK stand-in): SDK events and codes end in the seed's statuses through the engine's own
 * mapping, and a killed driver moves every connected probe out of {@code connected} within seconds.
 * The token names what the scripted "server" does ({@code drivers/web-sdk/test/fixtures}).
 */
class WebSdkProbeIT {
  private static ProbeSettings scripted(String token) {
    return ProbeSettings.defaults("web", (user, refresh) -> Future.succeededFuture(token));
  }

  @Test
  void sdkEventsEndInTheSeedsStatusesAndAKilledDriverLeavesNoStaleConnected() throws Exception {
    Vertx supervisorVertx = Vertx.vertx();
    WebSdkDriverOptions options =
        WebSdkDriverFixture.options(
                List.of("http://127.0.0.1:1"), "--sdk-module=" + WebSdkDriverFixture.FAKE_SDK)
            .withSupervision(
                Duration.ofMillis(250),
                Duration.ofSeconds(1),
                Duration.ofMillis(300),
                Duration.ofSeconds(5));
    WebSdkDriverTransport transport = WebSdkDriverTransport.start(supervisorVertx, options);
    try (EngineHarness h = new EngineHarness(transport)) {
      ProbeConnection connected = connect(h, "ok:u1", "u1");
      ProbeConnection kicked = connect(h, "ok:u2:disconnect:31010", "u2");
      ProbeConnection banned = connect(h, "ok:u3:disconnect:31011", "u3");
      ProbeConnection refusedBanned = connect(h, "refuse:31009", "u4");
      ProbeConnection abandoned = connect(h, "refuse:31029", "u5");
      ProbeConnection expired = connect(h, "refuse:31020", "u6");

      h.awaitStatus(connected, ConnectionStatus.CONNECTED);
      h.awaitStatus(kicked, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
      h.awaitStatus(banned, ConnectionStatus.DISCONN_EXCEPTION);
      h.awaitStatus(refusedBanned, ConnectionStatus.DISCONN_EXCEPTION);
      h.awaitStatus(abandoned, ConnectionStatus.USER_ABANDON);
      h.awaitStatus(expired, ConnectionStatus.TOKEN_INCORRECT);
      assertThat(lastCode(h, kicked)).isEqualTo(31010);
      assertThat(lastCode(h, expired)).isEqualTo(31020);

      long killedAt = System.nanoTime();
      ProcessHandle.of(transport.driverPid()).orElseThrow().destroyForcibly();
      h.awaitStatus(connected, ConnectionStatus.SUSPEND);
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(3));
      assertThat(lastCode(h, connected)).isEqualTo(32054);

      // The engine's reconnect machine, not the SDK, brings it back once the driver restarted.
      h.awaitTrue(() -> transport.driverPid() > 0);
      h.advance(Duration.ofSeconds(1));
      h.awaitStatus(connected, ConnectionStatus.CONNECTED);
    } finally {
      transport.close().await(10, TimeUnit.SECONDS);
      supervisorVertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static ProbeConnection connect(EngineHarness h, String token, String user) {
    return h.engine.connect(scripted(token), user, ConnectParams.of(null), null, null);
  }

  private static int lastCode(EngineHarness h, ProbeConnection c) {
    return h.events(StatusChanged.class).stream()
        .filter(s -> s.connectionId().equals(c.id()))
        .reduce((a, b) -> b)
        .orElseThrow()
        .errorCode();
  }
}
