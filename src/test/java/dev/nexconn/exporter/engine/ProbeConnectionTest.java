package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTING;
import static dev.nexconn.exporter.event.ConnectionStatus.NETWORK_UNAVAILABLE;
import static dev.nexconn.exporter.event.ConnectionStatus.PROXY_UNAVAILABLE;
import static dev.nexconn.exporter.event.ConnectionStatus.SIGN_OUT;
import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static dev.nexconn.exporter.event.ConnectionStatus.TIMEOUT;
import static dev.nexconn.exporter.event.ConnectionStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectCompleted;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.HeartbeatMeasured;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.SdkErrorCode;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.EngineHarness;
import dev.nexconn.exporter.support.FakeUpstream;
import dev.nexconn.exporter.support.FakeUpstream.OpenOutcome;
import dev.nexconn.exporter.transport.Frame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The probe state machine against a fake upstream and a manual clock: every seed status. */
class ProbeConnectionTest {
  private final FakeUpstream upstream = new FakeUpstream();
  private final EngineHarness h = new EngineHarness(upstream);
  private final AtomicReference<ConnectError> completion = new AtomicReference<>();
  private final AtomicReference<String> completedUser = new AtomicReference<>();

  @AfterEach
  void close() {
    h.close();
  }

  private ProbeConnection connect(ConnectParams params) {
    return h.engine.connect(
        h.settings(),
        "alice",
        params,
        null,
        (user, error) -> {
          completedUser.set(user);
          completion.set(error);
        });
  }

  @Test
  void connectsThroughConnectingToConnectedAndReportsTheServersUserId() {
    ProbeConnection c = connect(ConnectParams.of(null));
    h.awaitStatus(c, CONNECTED);
    assertThat(h.statuses(c)).containsExactly(CONNECTING, CONNECTED);
    h.awaitTrue(() -> completedUser.get() != null);
    assertThat(completedUser.get()).isEqualTo("user-from-server");
    assertThat(completion.get()).isNull();
    ConnectCompleted done = h.events(ConnectCompleted.class).get(0);
    assertThat(done.recovery()).isNull();
    assertThat(done.connectDuration()).isEqualTo(Duration.ZERO);
  }

  @Test
  void anUnreachableUpstreamIsNetworkUnavailableAndRetriesOnTheSdkSchedule() {
    upstream.failNextOpens(2, OpenOutcome.UNREACHABLE);
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitStatus(c, NETWORK_UNAVAILABLE);
    assertThat(h.events(ReconnectAttempt.class))
        .extracting(ReconnectAttempt::attempt, ReconnectAttempt::delay)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Duration.ofMillis(50)));
    h.advance(Duration.ofMillis(49));
    assertThat(h.events(ReconnectAttempt.class)).hasSize(1);
    h.advance(Duration.ofMillis(1));
    h.awaitTrue(() -> h.events(ReconnectAttempt.class).size() == 2);
    assertThat(h.events(ReconnectAttempt.class).get(1).delay()).isEqualTo(Duration.ofMillis(250));
    h.advance(Duration.ofMillis(250));
    h.awaitStatus(c, CONNECTED);
    assertThat(h.statuses(c)).containsExactly(CONNECTING, NETWORK_UNAVAILABLE, CONNECTED);
  }

  @Test
  void aRefusingProxyIsProxyUnavailableAndTerminal() {
    upstream.failNextOpens(1, OpenOutcome.PROXY_REFUSED);
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitStatus(c, PROXY_UNAVAILABLE);
    h.awaitTrue(() -> completion.get() != null);
    assertThat(completion.get().code()).isEqualTo(SdkErrorCode.PROXY_UNAVAILABLE.code());
    h.advance(Duration.ofMinutes(5));
    assertThat(upstream.opened()).isZero();
    assertThat(h.events(ReconnectAttempt.class)).isEmpty();
  }

  @Test
  void aMissedPongSuspendsThenReconnectsAndMeasuresRecovery() {
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitStatus(c, CONNECTED);
    h.advance(Duration.ofSeconds(15));
    h.awaitTrue(() -> h.events(HeartbeatMeasured.class).size() == 1);
    upstream.dropPongs(true);
    h.advance(Duration.ofSeconds(15));
    h.awaitTrue(() -> upstream.sent().stream().filter(f -> f instanceof Frame.Ping).count() == 2);
    h.advance(Duration.ofMillis(5_999));
    assertThat(c.status()).isEqualTo(CONNECTED);
    h.advance(Duration.ofMillis(1));
    h.awaitStatus(c, SUSPEND);
    assertThat(lastChange(c).errorCode()).isEqualTo(SdkErrorCode.PING_TIMEOUT.code());
    upstream.dropPongs(false);
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
    ConnectCompleted again = h.events(ConnectCompleted.class).get(1);
    assertThat(again.recovery()).isEqualTo(Duration.ofMillis(50));
    assertThat(h.statuses(c))
        .containsExactly(CONNECTING, CONNECTED, SUSPEND, CONNECTING, CONNECTED);
  }

  @Test
  void aDropWhileConnectedSuspendsAndReconnectsWithTheReconnectFlag() {
    ProbeConnection c = connect(ConnectParams.of("t").withReconnectKickEnable(true));
    h.awaitStatus(c, CONNECTED);
    upstream.serverDrops();
    h.awaitStatus(c, SUSPEND);
    assertThat(lastChange(c).errorCode()).isEqualTo(SdkErrorCode.CONNECTION_RESET.code());
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
    assertThat(upstream.connects())
        .extracting(Frame.Connect::reconnect, Frame.Connect::kickReconnect)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(false, true),
            org.assertj.core.groups.Tuple.tuple(true, true));
  }

  @ParameterizedTest(name = "connack {0} -> {1}")
  @CsvSource({
    "31009, DISCONN_EXCEPTION",
    "31029, USER_ABANDON",
    "31008, UNCONNECTED",
    "31010, KICKED_OFFLINE_BY_OTHER_CLIENT"
  })
  void terminalRefusalsStopRetrying(int code, ConnectionStatus expected) {
    upstream.answerNextConnects(code);
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitStatus(c, expected);
    h.awaitTrue(() -> completion.get() != null);
    assertThat(completion.get().code()).isEqualTo(code);
    h.advance(Duration.ofMinutes(10));
    assertThat(upstream.opened()).isEqualTo(1);
    assertThat(expected.retries()).isFalse();
  }

  @ParameterizedTest(name = "server disconnect {0} -> {1}")
  @CsvSource({
    "31010, KICKED_OFFLINE_BY_OTHER_CLIENT",
    "31011, DISCONN_EXCEPTION",
    "31029, USER_ABANDON"
  })
  void serverDisconnectsOfALiveSessionAreTerminal(int code, ConnectionStatus expected) {
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitStatus(c, CONNECTED);
    upstream.serverSends(new Frame.Disconnect(code, "by server"));
    h.awaitStatus(c, expected);
    h.advance(Duration.ofMinutes(10));
    assertThat(upstream.opened()).isEqualTo(1);
  }

  @Test
  void anUnmappedCodeIsUnknownAndRetried() {
    upstream.answerNextConnects(39_999);
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitStatus(c, UNKNOWN);
    assertThat(lastChange(c).errorCode()).isEqualTo(39_999);
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
    assertThat(h.statuses(c)).containsExactly(CONNECTING, UNKNOWN, CONNECTING, CONNECTED);
  }

  @Test
  void aServerThatIsBusySuspendsAndIsRetried() {
    upstream.answerNextConnects(SdkErrorCode.SERVER_UNAVAILABLE.code());
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitStatus(c, SUSPEND);
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
  }

  @Test
  void anUnansweredConnectTimesOutIntoSuspendAndIsRetried() {
    upstream.silent(true);
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitTrue(() -> upstream.connects().size() == 1);
    h.advance(Duration.ofSeconds(10));
    h.awaitStatus(c, SUSPEND);
    assertThat(lastChange(c).errorCode()).isEqualTo(SdkErrorCode.CONNACK_TIMEOUT.code());
    upstream.silent(false);
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
  }

  @Test
  void aPositiveTimeoutStopsRetryingAndEndsInTimeout() {
    upstream.failNextOpens(1000, OpenOutcome.UNREACHABLE);
    ProbeConnection c = connect(ConnectParams.of("t").withTimeout(5));
    h.awaitStatus(c, NETWORK_UNAVAILABLE);
    for (int i = 0; i < 9; i++) {
      h.advance(Duration.ofMillis(500));
    }
    assertThat(c.status()).isEqualTo(NETWORK_UNAVAILABLE);
    h.advance(Duration.ofMillis(500));
    h.awaitStatus(c, TIMEOUT);
    h.awaitTrue(() -> completion.get() != null);
    assertThat(completion.get().code()).isEqualTo(SdkErrorCode.CONNECT_TIMEOUT.code());
    int opens = upstream.opened();
    h.advance(Duration.ofMinutes(5));
    assertThat(upstream.opened()).isEqualTo(opens);
  }

  @Test
  void aZeroTimeoutRetriesForever() {
    upstream.failNextOpens(12, OpenOutcome.UNREACHABLE);
    ProbeConnection c = connect(ConnectParams.of("t"));
    for (int i = 0; i < 12; i++) {
      h.awaitTrue(() -> c.status() == NETWORK_UNAVAILABLE);
      h.advance(Duration.ofSeconds(64));
    }
    h.awaitStatus(c, CONNECTED);
    assertThat(h.events(ReconnectAttempt.class)).hasSize(12);
    assertThat(h.events(ReconnectAttempt.class).get(11).delay()).isEqualTo(Duration.ofSeconds(64));
  }

  @Test
  void afterAFirstSuccessTheTimeoutNoLongerApplies() {
    ProbeConnection c = connect(ConnectParams.of("t").withTimeout(2));
    h.awaitStatus(c, CONNECTED);
    upstream.failNextOpens(10, OpenOutcome.UNREACHABLE);
    upstream.serverDrops();
    h.awaitStatus(c, SUSPEND);
    for (int i = 0; i < 11; i++) {
      h.advance(Duration.ofSeconds(64));
    }
    h.awaitStatus(c, CONNECTED);
    assertThat(h.statuses(c)).doesNotContain(TIMEOUT);
  }

  @Test
  void disconnectSignsOutWithADisconnectFrameAndStopsReconnecting() {
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitStatus(c, CONNECTED);
    h.join(c.disconnect());
    assertThat(c.status()).isEqualTo(SIGN_OUT);
    assertThat(upstream.sent()).last().isEqualTo(new Frame.Disconnect(0, "sign out"));
    h.advance(Duration.ofMinutes(5));
    assertThat(upstream.opened()).isEqualTo(1);
  }

  @Test
  void statusListenersAndCallbacksRunOnTheConnectionsContext() {
    ProbeConnection c = h.engine.connection(h.settings(), "bob");
    List<Boolean> onContext = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<ConnectionStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    c.addStatusListener(
        (status, code) -> {
          seen.add(status);
          onContext.add(io.vertx.core.Vertx.currentContext() == c.context());
        });
    c.connect(
        ConnectParams.of("t"),
        null,
        (user, error) -> onContext.add(io.vertx.core.Vertx.currentContext() == c.context()));
    h.awaitTrue(() -> onContext.size() == 3);
    assertThat(seen).containsExactly(CONNECTING, CONNECTED);
    assertThat(onContext).containsOnly(true);
  }

  @Test
  void connectBeforeInitializeFailsWithANotInitializedError() {
    ConnectionEngine fresh =
        new ConnectionEngine(h.vertx, upstream, h.bus, h.clock, new java.util.SplittableRandom(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fresh.connect(h.settings(), "x", ConnectParams.of("t"), null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not initialized")
        .hasMessageContaining("33001");
  }

  @Test
  void signOutIsReachableBeforeConnected() {
    upstream.silent(true);
    ProbeConnection c = connect(ConnectParams.of("t"));
    h.awaitTrue(() -> upstream.connects().size() == 1);
    h.join(c.disconnect());
    assertThat(h.statuses(c)).containsExactly(CONNECTING, SIGN_OUT);
    assertThat(completion.get().code()).isEqualTo(SdkErrorCode.SIGNED_OUT.code());
  }

  private StatusChanged lastChange(ProbeConnection c) {
    List<StatusChanged> all =
        h.events(StatusChanged.class).stream()
            .filter(s -> s.connectionId().equals(c.id()))
            .toList();
    return all.get(all.size() - 1);
  }
}
