package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ProtocolTestClient;
import dev.nexconn.exporter.support.SignedApiClient;
import dev.nexconn.exporter.transport.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault admin API at the protocol level: half-open pings, close codes, bad input. */
class FaultAdminIT {
  private Vertx vertx;
  private EmulatorVerticle emulator;
  private WebClient admin;
  private SignedApiClient api;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    emulator =
        new EmulatorVerticle(new EmulatorOptions("127.0.0.1", 0, "k", "s"), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
    admin = WebClient.create(vertx);
    api = new SignedApiClient(vertx, emulator.port(), "k", "s", Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    ProtocolTestClient.closeAll();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private HttpResponse<?> post(String path, String body) throws Exception {
    return admin
        .post(emulator.adminPort(), "127.0.0.1", "/admin/v1/" + path)
        .sendBuffer(io.vertx.core.buffer.Buffer.buffer(body))
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void adminApiListensOnLoopbackApartFromThePublicPort() {
    assertThat(emulator.adminPort()).isPositive().isNotEqualTo(emulator.port());
  }

  @Test
  void halfOpenLeavesPingsUnansweredUntilCleared() throws Exception {
    ProtocolTestClient c =
        ProtocolTestClient.connect(vertx, emulator.port(), api.issue("u1"), "d", false, false);
    assertThat(((Frame.ConnAck) c.next()).code()).isZero();
    assertThat(post("faults/half-open", "{\"seconds\":60}").statusCode()).isEqualTo(200);
    c.send(new Frame.Ping(1));
    assertThat(c.next(500)).isNull();
    assertThat(c.isClosed()).isFalse();
    admin
        .delete(emulator.adminPort(), "127.0.0.1", "/admin/v1/faults")
        .send()
        .await(10, TimeUnit.SECONDS);
    c.send(new Frame.Ping(2));
    assertThat(c.next()).isEqualTo(new Frame.Pong(2));
  }

  @Test
  void closeSendsTheRequestedAbnormalCode() throws Exception {
    ProtocolTestClient c =
        ProtocolTestClient.connect(vertx, emulator.port(), api.issue("u1"), "d", false, false);
    assertThat(((Frame.ConnAck) c.next()).code()).isZero();
    assertThat(post("faults/close", "{\"closeCode\":4001}").statusCode()).isEqualTo(200);
    assertThat(c.closeCode()).isEqualTo(4001);
  }

  @Test
  void badInputIsA400NamingTheField() throws Exception {
    HttpResponse<?> r = post("faults/refuse", "{}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("seconds");
    r = post("faults/drop", "{\"percent\":150}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("percent");
    r = post("faults/close", "{\"closeCode\":1006}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("reserved");
    r = post("faults/latency", "not json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.bodyAsString()).getBoolean("ok")).isFalse();
  }
}
