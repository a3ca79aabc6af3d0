package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.support.ProtocolTestClient;
import dev.nexconn.exporter.support.SignedApiClient;
import dev.nexconn.exporter.support.WebhookTestReceiver;
import dev.nexconn.exporter.transport.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multi-device rules and presence webhooks of the connection endpoint, over real sockets. */
class ConnectionEndpointIT {
  private static final String KEY = "k";
  private static final String SECRET = "s3cret";
  private static final String HOOK_SECRET = "hook-secret";

  private Vertx vertx;
  private WebhookTestReceiver receiver;
  private EmulatorVerticle emulator;
  private SignedApiClient api;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    receiver = new WebhookTestReceiver(vertx, 200);
    emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, KEY, SECRET)
                .withWebhooks(List.of(receiver.url("/api/v1/webhooks/nexconn")), HOOK_SECRET),
            Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    api = new SignedApiClient(vertx, emulator.port(), KEY, SECRET, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    ProtocolTestClient.closeAll();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aSecondDeviceKicksTheFirstWith31010() {
    String token = api.issue("u1");
    ProtocolTestClient first =
        ProtocolTestClient.connect(vertx, emulator.port(), token, "phone", false, false);
    assertThat(((Frame.ConnAck) first.next()).code()).isZero();
    ProtocolTestClient second =
        ProtocolTestClient.connect(vertx, emulator.port(), token, "tablet", false, false);
    assertThat(((Frame.ConnAck) second.next()).code()).isZero();
    assertThat(first.next())
        .isEqualTo(
            new Frame.Disconnect(
                EmulatorCodes.KICKED, "kicked: the user connected on another device"));
    first.closeCode();
    assertThat(emulator.sessionCount()).isEqualTo(1);
  }

  @Test
  void aReconnectingDeviceWithKickReconnectIsItselfRefusedWith31010() {
    String token = api.issue("u1");
    ProtocolTestClient online =
        ProtocolTestClient.connect(vertx, emulator.port(), token, "phone", false, false);
    assertThat(((Frame.ConnAck) online.next()).code()).isZero();
    ProtocolTestClient returning =
        ProtocolTestClient.connect(vertx, emulator.port(), token, "tablet", true, true);
    assertThat(((Frame.ConnAck) returning.next()).code()).isEqualTo(EmulatorCodes.KICKED);
    returning.closeCode();
    assertThat(online.next(300)).isNull();
    assertThat(online.isClosed()).isFalse();
    ProtocolTestClient withoutFlag =
        ProtocolTestClient.connect(vertx, emulator.port(), token, "tablet", true, false);
    assertThat(((Frame.ConnAck) withoutFlag.next()).code()).isZero();
    assertThat(((Frame.Disconnect) online.next()).code()).isEqualTo(EmulatorCodes.KICKED);
  }

  @Test
  void connectLogoutAndDisconnectArePostedAsPresenceEnvelopes() {
    String token = api.issue("u1");
    ProtocolTestClient c =
        ProtocolTestClient.connect(vertx, emulator.port(), token, "phone", false, false);
    assertThat(((Frame.ConnAck) c.next()).code()).isZero();
    c.send(new Frame.Disconnect(EmulatorCodes.SIGN_OUT, "bye"));
    c.closeCode();
    ProtocolTestClient d =
        ProtocolTestClient.connect(vertx, emulator.port(), token, "phone", false, false);
    assertThat(((Frame.ConnAck) d.next()).code()).isZero();
    emulator.dropAllConnections();
    await().atMost(Duration.ofSeconds(5)).until(() -> statuses().size() >= 4);
    assertThat(statuses()).containsExactly("0", "2", "0", "1");
    WebhookTestReceiver.Received first = receiver.received().get(0);
    assertThat(first.secretHeader()).isEqualTo(HOOK_SECRET);
    JsonObject envelope = first.body();
    assertThat(envelope.getString("type")).isEqualTo("user:connection_status");
    assertThat(envelope.getString("id")).isNotBlank();
    JsonObject item = envelope.getJsonArray("data").getJsonObject(0);
    assertThat(item.getString("userId")).isEqualTo("u1");
    assertThat(item.getString("os")).isEqualTo("iOS");
    assertThat(item.getString("clientIp")).isEqualTo("127.0.0.1");
    assertThat(item.getString("sessionId")).isNotBlank();
    assertThat(item.getLong("time")).isPositive();
  }

  @Test
  void aFailedWebhookDeliveryIsRetriedWithBackoff() {
    receiver.failNext(2);
    String token = api.issue("u1");
    ProtocolTestClient c =
        ProtocolTestClient.connect(vertx, emulator.port(), token, "phone", false, false);
    assertThat(((Frame.ConnAck) c.next()).code()).isZero();
    await().atMost(Duration.ofSeconds(6)).until(() -> !receiver.received().isEmpty());
    assertThat(receiver.attempts()).isEqualTo(3);
    assertThat(statuses()).containsExactly("0");
    assertThat(emulator.control().stats().getJsonObject("webhooks").getLong("retries"))
        .isEqualTo(2);
  }

  private List<String> statuses() {
    return receiver.received().stream()
        .flatMap(r -> r.body().getJsonArray("data").stream())
        .map(o -> ((JsonObject) o).getString("status"))
        .toList();
  }
}
