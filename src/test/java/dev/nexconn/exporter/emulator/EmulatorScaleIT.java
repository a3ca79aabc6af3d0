package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.support.SignedApiClient;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many sockets on one emulator: all connect, a kick storm hits half of them, a drop hits the rest.
 * 1000 sockets by default; {@code -Demulator.scale.connections=8000} for a measurement (client and
 * server share this JVM, so each socket costs two file descriptors).
 */
class EmulatorScaleIT {
  private static final int N = Integer.getInteger("emulator.scale.connections", 1000);

  private Vertx vertx;
  private EmulatorVerticle emulator;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, "k", "s").withApiRate(0), Clock.systemUTC());
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void thousandsOfSocketsConnectAndAreCutInBulk() throws Exception {
    SignedApiClient api = new SignedApiClient(vertx, emulator.port(), "k", "s", Clock.systemUTC());
    List<String> tokens = new ArrayList<>(N);
    long t0 = System.nanoTime();
    for (int i = 0; i < N; i++) {
      tokens.add(api.issue("user-" + i));
    }
    long issued = System.nanoTime();
    WebSocketClient client =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(N + 10));
    AtomicInteger acked = new AtomicInteger();
    AtomicInteger disconnects = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    List<Future<?>> opened = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      String token = tokens.get(i);
      String device = "dev-" + i;
      opened.add(
          client
              .connect(
                  new WebSocketConnectOptions()
                      .setHost("127.0.0.1")
                      .setPort(emulator.port())
                      .setURI(EmulatorVerticle.CONNECT_PATH))
              .onSuccess(
                  ws -> {
                    ws.textMessageHandler(
                        t -> {
                          Frame f = FrameCodec.decode(t);
                          if (f instanceof Frame.ConnAck a && a.code() == 0) {
                            acked.incrementAndGet();
                          } else if (f instanceof Frame.Disconnect) {
                            disconnects.incrementAndGet();
                          }
                        });
                    ws.closeHandler(v -> closed.incrementAndGet());
                    ws.writeTextMessage(
                        FrameCodec.encode(
                            new Frame.Connect(token, false, false, device, "android")));
                  }));
    }
    Future.all(opened).await(120, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(120)).until(() -> acked.get() == N);
    long connected = System.nanoTime();
    assertThat(emulator.sessionCount()).isEqualTo(N);
    int kicked = emulator.control().kick(50);
    await().atMost(Duration.ofSeconds(60)).until(() -> disconnects.get() == kicked);
    int dropped = emulator.control().dropConnections(100, 1001);
    await().atMost(Duration.ofSeconds(60)).until(() -> closed.get() == N);
    long cut = System.nanoTime();
    assertThat(kicked + dropped).isEqualTo(N);
    JsonObject stats = emulator.control().stats();
    assertThat(stats.getInteger("sessions")).isZero();
    System.out.printf(
        "emulator scale: %d sockets; tokens issued in %d ms, all connected in %d ms,"
            + " kick %d + drop %d closed in %d ms%n",
        N,
        (issued - t0) / 1_000_000,
        (connected - issued) / 1_000_000,
        kicked,
        dropped,
        (cut - connected) / 1_000_000);
  }
}
