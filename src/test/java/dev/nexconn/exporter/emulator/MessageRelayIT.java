package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ManualClock;
import dev.nexconn.exporter.support.ProtocolTestClient;
import dev.nexconn.exporter.support.SignedApiClient;
import dev.nexconn.exporter.transport.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message delivery between live sessions of the emulator over real WebSockets: the {@code messages}
 * feature is negotiated, old-style peers see no message frames, and the drop, duplicate and delay
 * faults do exactly what they say.
 */
class MessageRelayIT {
  private Vertx vertx;
  private ManualClock clock;
  private EmulatorVerticle emulator;
  private SignedApiClient api;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    clock = new ManualClock(Instant.parse("2026-11-28T07:00:00Z"));
    emulator = new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, "k", "s"), clock);
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    api = new SignedApiClient(vertx, emulator.port(), "k", "s", clock);
  }

  @AfterEach
  void stop() throws Exception {
    ProtocolTestClient.closeAll();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private ProtocolTestClient online(String user, boolean messages) {
    String token =
        api.post(
                "/v4/auth/access-token/issue",
                new JsonObject().put("userId", user).put("name", user))
            .body()
            .getJsonObject("result")
            .getString("accessToken");
    ProtocolTestClient c = ProtocolTestClient.open(vertx, emulator.port());
    c.send(
        new Frame.Connect(
            token, false, false, "dev-" + user, "probe", messages ? List.of("messages") : null));
    Frame.ConnAck ack = (Frame.ConnAck) c.next();
    assertThat(ack.code()).isZero();
    assertThat(ack.features()).isEqualTo(messages ? List.of("messages") : List.of());
    return c;
  }

  private JsonObject stats() {
    return emulator.control().stats().getJsonObject("messages");
  }

  @Test
  void aMessageIsDeliveredToTheRecipientsLiveSessionAndAcked() {
    ProtocolTestClient a = online("a", true);
    ProtocolTestClient b = online("b", true);
    a.send(new Frame.Send(1, 1234, "b", "hi"));
    Frame.Deliver d = (Frame.Deliver) b.next();
    assertThat(d.from()).isEqualTo("a");
    assertThat(d.seq()).isEqualTo(1);
    assertThat(d.sentAt()).isEqualTo(1234);
    b.send(new Frame.Ack(d.messageId()));
    assertThat(a.next(200)).isNull();
    assertThat(stats().getLong("delivered")).isEqualTo(1);
  }

  @Test
  void anOldStylePeerGetsNoMessageFramesAndItsSendIsACountedRejection() {
    ProtocolTestClient a = online("a", true);
    ProtocolTestClient old = online("old", false);
    a.send(new Frame.Send(1, 1, "old", "hi"));
    assertThat(old.next(300)).isNull();
    assertThat(stats().getLong("undeliverable")).isEqualTo(1);

    old.send(new Frame.Send(1, 1, "a", "hi"));
    old.send(new Frame.Ping(5));
    // the session survives the rejection: the ping is answered, nothing reaches a
    assertThat(old.next()).isEqualTo(new Frame.Pong(5));
    assertThat(a.next(300)).isNull();
    assertThat(stats().getLong("rejectedNotNegotiated")).isEqualTo(1);
  }

  @Test
  void dropDuplicateAndDelayFaultsDoExactlyWhatTheySay() {
    ProtocolTestClient a = online("a", true);
    ProtocolTestClient b = online("b", true);

    emulator.control().dropMessages(100, Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      a.send(new Frame.Send(i, 1, "b", "x"));
    }
    assertThat(b.next(300)).isNull();
    assertThat(stats().getLong("dropped")).isEqualTo(3);
    clock.advance(Duration.ofSeconds(11));

    emulator.control().duplicateMessages(100, Duration.ofSeconds(10));
    a.send(new Frame.Send(10, 1, "b", "x"));
    Frame.Deliver first = (Frame.Deliver) b.next();
    Frame.Deliver second = (Frame.Deliver) b.next();
    assertThat(second).isEqualTo(first);
    assertThat(b.next(200)).isNull();
    assertThat(stats().getLong("duplicated")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(11));

    emulator.control().delayMessages(Duration.ofSeconds(6), Duration.ofSeconds(30));
    a.send(new Frame.Send(11, 1, "b", "x"));
    assertThat(b.next(300)).isNull();
    clock.advance(Duration.ofSeconds(6));
    assertThat(((Frame.Deliver) b.next()).seq()).isEqualTo(11);
    assertThat(stats().getLong("delayed")).isEqualTo(1);
    assertThat(stats().getLong("delivered")).isEqualTo(2);
  }
}
