package dev.nexconn.exporter.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nexconn.exporter.support.WebSdkDriverFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The transport against the real Node driver started in a loopback-only namespace: SDK events as
 * protocol frames, and supervision (driver killed, stopped, exiting; a worker crashing): every link
 * the driver held closes with 1006 within seconds, opens fail while it is down, it comes back after
 * the restart delay, and each incident is one WARN line.
 */
class WebSdkDriverTransportIT {
  private final Vertx vertx = Vertx.vertx();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(WebSdkDriverTransport.class);
  private WebSdkDriverTransport transport;

  /** Everything a link reported, in order: frames as text, closes as {@code closed:<code>}. */
  static final class Recorder implements LinkListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onFrame(Frame frame) {
      String text;
      if (frame instanceof Frame.ConnAck a) {
        text = "connack:" + a.code() + (a.code() == 0 ? ":" + a.userId() : "");
      } else if (frame instanceof Frame.Disconnect d) {
        text = "disconnect:" + d.code();
      } else if (frame instanceof Frame.Pong p) {
        text = "pong:" + p.id();
      } else {
        text = frame.type();
      }
      seen.add(text);
    }

    @Override
    public void onClosed(int code) {
      seen.add("closed:" + code);
    }

    @Override
    public void onProtocolError(FrameCodecException error) {
      seen.add("error:" + error.getMessage());
    }
  }

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stop() throws Exception {
    logger.detachAppender(log);
    if (transport != null) {
      transport.close().await(10, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private WebSdkDriverTransport start(List<String> navigators, String... args) throws Exception {
    WebSdkDriverOptions o =
        WebSdkDriverFixture.options(navigators, args)
            .withSupervision(
                Duration.ofMillis(250),
                Duration.ofMillis(1000),
                Duration.ofMillis(300),
                Duration.ofSeconds(5));
    transport = WebSdkDriverTransport.start(vertx, o);
    return transport;
  }

  private WebSdkDriverTransport startFake(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--sdk-module=" + WebSdkDriverFixture.FAKE_SDK));
    args.addAll(List.of(more));
    return start(List.of("http://127.0.0.1:1"), args.toArray(String[]::new));
  }

  private static <T> T join(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  private Recorder connect(String token) throws Exception {
    UpstreamLink link = join(transport.open());
    Recorder r = new Recorder();
    link.listener(r);
    join(link.send(new Frame.Connect(token, false, false, "dev", "probe")));
    return r;
  }

  private static void awaitSeen(Recorder r, String... expected) {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(r.seen).containsExactly(expected));
  }

  private List<String> warnings(String event) {
    return log.list.stream()
        .map(e -> new dev.nexconn.exporter.logging.LogfmtLayout().doLayout(e).strip())
        .filter(m -> m.contains(" event=" + event + " "))
        .toList();
  }

  @Test
  void aClosedNavigationPortThroughTheRealSdkIsARefusingConnackWithTheSdkCode() throws Exception {
    start(List.of("http://127.0.0.1:1"));
    Recorder r = connect("probe-token");
    awaitSeen(r, "connack:30007", "closed:1000");
    assertThat(transport.refusedAttempts()).isGreaterThan(0);
  }

  @Test
  void sdkEventsBecomeFramesAndPingsReachTheWorker() throws Exception {
    startFake();
    UpstreamLink link = join(transport.open());
    Recorder ok = new Recorder();
    link.listener(ok);
    join(link.send(new Frame.Connect("ok:user-1", false, false, "dev", "probe")));
    awaitSeen(ok, "connack:0:user-1");
    join(link.send(new Frame.Ping(7)));
    awaitSeen(ok, "connack:0:user-1", "pong:7");
    Recorder kicked = connect("ok:user-2:disconnect:31010");
    awaitSeen(kicked, "connack:0:user-2", "disconnect:31010", "closed:1000");
    Recorder refused = connect("refuse:31020");
    awaitSeen(refused, "connack:31020", "closed:1000");
    Recorder suspended = connect("ok:user-3:suspend:30012");
    awaitSeen(suspended, "connack:0:user-3", "disconnect:30012", "closed:1000");
    assertThat(transport.openLinks()).isEqualTo(1);
  }

  @Test
  void aKilledDriverDropsEveryProbeAndComesBackAfterTheRestartDelay() throws Exception {
    startFake();
    List<Recorder> probes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      probes.add(connect("ok:u" + i));
    }
    for (int i = 0; i < 3; i++) {
      awaitSeen(probes.get(i), "connack:0:u" + i);
    }
    long pid = transport.driverPid();
    long killedAt = System.nanoTime();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    for (int i = 0; i < 3; i++) {
      awaitSeen(probes.get(i), "connack:0:u" + i, "closed:1006");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> transport.driverPid() > 0);
    assertThat(transport.driverPid()).isNotEqualTo(pid);
    Recorder again = connect("ok:u9");
    awaitSeen(again, "connack:0:u9");
    assertThat(warnings("web_sdk_driver_down"))
        .singleElement()
        .asString()
        .contains("reason=exited", "exit_code=137", "probes=3", "incident=1", "restart_in_ms=300");
    assertThat(transport.incidents()).isEqualTo(1);
    assertThat(transport.incidents(WebSdkDriverIncident.EXITED)).isEqualTo(1);
  }

  @Test
  void whileTheDriverIsDownOpensFailAsUnreachable() throws Exception {
    startFake("--test-commands");
    Recorder r = connect("ok:u1");
    awaitSeen(r, "connack:0:u1");
    ProcessHandle.of(transport.driverPid()).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.driverPid() == -1);
    Future<UpstreamLink> opened = transport.open();
    assertThat(opened.failed()).isTrue();
    assertThat(opened.cause())
        .isInstanceOf(UpstreamUnreachableException.class)
        .hasMessageContaining("web-sdk driver is not running");
  }

  @Test
  void aStoppedDriverMissesItsHealthPingIsKilledAndItsProbesDrop() throws Exception {
    startFake();
    Recorder r = connect("ok:u1");
    awaitSeen(r, "connack:0:u1");
    long pid = transport.driverPid();
    long stoppedAt = System.nanoTime();
    new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
    awaitSeen(r, "connack:0:u1", "closed:1006");
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(4));
    assertThat(warnings("web_sdk_driver_hung")).singleElement().asString().contains("action=kill");
    assertThat(warnings("web_sdk_driver_down"))
        .singleElement()
        .asString()
        .contains("reason=hung", "probes=1");
    assertThat(transport.incidents(WebSdkDriverIncident.HUNG)).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> transport.driverPid() > 0);
    assertThat(transport.driverPid()).isNotEqualTo(pid);
  }

  @Test
  void aCrashedWorkerDropsOnlyItsOwnProbe() throws Exception {
    startFake();
    Recorder healthy = connect("ok:u1");
    awaitSeen(healthy, "connack:0:u1");
    Recorder crashing = connect("crash");
    awaitSeen(crashing, "closed:1006");
    assertThat(healthy.seen).containsExactly("connack:0:u1");
    assertThat(transport.incidents()).isZero();
  }

  @Test
  void repeatedIncidentsDoubleTheRestartDelay() throws Exception {
    startFake();
    for (int i = 1; i <= 2; i++) {
      await().atMost(Duration.ofSeconds(10)).until(() -> transport.driverPid() > 0);
      ProcessHandle.of(transport.driverPid()).orElseThrow().destroyForcibly();
      int n = i;
      await().atMost(Duration.ofSeconds(5)).until(() -> transport.incidents() == n);
    }
    assertThat(warnings("web_sdk_driver_down"))
        .extracting(m -> m.replaceAll(".*restart_in_ms=", ""))
        .containsExactly("300", "600");
  }
}
