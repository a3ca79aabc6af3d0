package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTING;
import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static dev.nexconn.exporter.event.ConnectionStatus.TOKEN_INCORRECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectCompleted;
import dev.nexconn.exporter.event.SdkErrorCode;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import dev.nexconn.exporter.support.EngineHarness;
import dev.nexconn.exporter.support.FakeUpstream;
import dev.nexconn.exporter.token.TokenFetchException;
import dev.nexconn.exporter.transport.Frame;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** token_incorrect: refresh and reconnect, bounded by the refresh guard. */
class TokenRefreshTest {
  private final FakeUpstream upstream = new FakeUpstream();
  private final EngineHarness h = new EngineHarness(upstream);
  private final AtomicReference<ConnectError> completion = new AtomicReference<>();

  @AfterEach
  void close() {
    h.close();
  }

  private ProbeConnection connect(ProbeSettings settings) {
    return h.engine.connect(
        settings, "alice", ConnectParams.of("stale"), null, (u, e) -> completion.set(e));
  }

  @Test
  void aRefusedTokenIsRefreshedAndTheProbeReconnectsWithTheNewOne() {
    upstream.answerNextConnects(31004);
    ProbeConnection c = connect(h.settings());
    h.awaitStatus(c, TOKEN_INCORRECT);
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
    assertThat(h.statuses(c)).containsExactly(CONNECTING, TOKEN_INCORRECT, CONNECTING, CONNECTED);
    assertThat(upstream.connects())
        .extracting(Frame.Connect::token)
        .containsExactly("stale", "token-1");
    assertThat(h.events(TokenFailure.class))
        .extracting(f -> f.reason().label())
        .containsExactly("incorrect");
    assertThat(h.events(TokenRefresh.class))
        .extracting(r -> r.outcome().label())
        .containsExactly("success");
  }

  @Test
  void anExpiredTokenIsCountedAsExpired() {
    upstream.answerNextConnects(31020);
    ProbeConnection c = connect(h.settings());
    h.awaitStatus(c, TOKEN_INCORRECT);
    assertThat(h.events(TokenFailure.class))
        .extracting(f -> f.reason().label())
        .containsExactly("expired");
  }

  @Test
  void whenTheGuardIsExhaustedTheProbeStaysInTokenIncorrectUntilTheWindowEnds() {
    upstream.answerNextConnects(31004, 31004, 31004, 31004);
    ProbeConnection c = connect(h.settings());
    h.awaitStatus(c, TOKEN_INCORRECT);
    h.advance(Duration.ofMillis(50));
    h.awaitTrue(() -> upstream.connects().size() == 2 && c.status() == TOKEN_INCORRECT);
    h.advance(Duration.ofMillis(250));
    h.awaitTrue(() -> h.events(TokenFailure.class).size() == 4);
    assertThat(h.events(TokenFailure.class))
        .extracting(f -> f.reason().label())
        .containsExactly("incorrect", "incorrect", "incorrect", "refresh_exhausted");
    assertThat(h.events(TokenRefresh.class)).hasSize(2);
    assertThat(c.status()).isEqualTo(TOKEN_INCORRECT);
    h.awaitTrue(() -> completion.get() != null);
    assertThat(completion.get().code()).isEqualTo(31004);
    h.advance(Duration.ofMinutes(4));
    assertThat(upstream.connects()).hasSize(3);
    h.advance(Duration.ofMinutes(1));
    h.awaitTrue(() -> upstream.connects().size() == 4);
  }

  @Test
  void aTokenThatCannotBeFetchedSuspendsAndRetriesWithoutUsingUpTheRefreshGuard() {
    ProbeSettings failing =
        ProbeSettings.defaults(
                "g", (user, refresh) -> Future.failedFuture(new TokenFetchException("down")))
            .withTokenRefreshGuard(1, Duration.ofMinutes(5));
    upstream.answerNextConnects(31004);
    ProbeConnection c = connect(failing);
    h.awaitStatus(c, TOKEN_INCORRECT);
    h.advance(Duration.ofSeconds(1));
    h.awaitTrue(() -> h.events(TokenFailure.class).size() == 2);
    h.awaitStatus(c, SUSPEND);
    assertThat(
            h.events(StatusChanged.class).get(h.events(StatusChanged.class).size() - 1).errorCode())
        .isEqualTo(SdkErrorCode.TOKEN_FETCH_FAILED.code());
    h.advance(Duration.ofSeconds(2));
    h.awaitTrue(() -> h.events(TokenFailure.class).size() >= 3);
    assertThat(h.events(TokenFailure.class))
        .extracting(f -> f.reason().label())
        .startsWith("incorrect", "fetch_failed", "fetch_failed")
        .doesNotContain("refresh_exhausted");
    assertThat(h.events(TokenRefresh.class))
        .extracting(r -> r.outcome().label())
        .containsOnly("failure");
  }

  @Test
  void fetchesThatFailedDuringAnOutageLeaveTheGuardForTheNextRefusal() {
    AtomicBoolean endpointDown = new AtomicBoolean(true);
    AtomicInteger fetches = new AtomicInteger();
    ProbeSettings s =
        ProbeSettings.defaults(
                "g",
                (user, refresh) -> {
                  int n = fetches.incrementAndGet();
                  return endpointDown.get()
                      ? Future.failedFuture(new TokenFetchException("down"))
                      : Future.succeededFuture("token-" + n);
                })
            .withPolicy(ReconnectPolicy.sdkDefault(false))
            .withTokenRefreshGuard(2, Duration.ofMinutes(5));
    upstream.answerNextConnects(31004);
    ProbeConnection c = connect(s);
    h.awaitStatus(c, TOKEN_INCORRECT);
    // Four refresh fetches fail while the endpoint is down (each step of the schedule is < 2 s).
    for (int i = 1; i <= 4; i++) {
      int failed = i;
      h.advance(Duration.ofSeconds(2));
      h.awaitTrue(() -> fetchFailures() == failed && c.status() == SUSPEND);
    }
    endpointDown.set(false);
    h.advance(Duration.ofSeconds(2));
    h.awaitStatus(c, CONNECTED);

    // The next refusal in the same window is refreshed: only the one refresh that brought a token
    // counted against the guard of 2, not the four fetches that failed.
    upstream.serverSends(new Frame.Disconnect(31004, "token refused"));
    h.awaitStatus(c, TOKEN_INCORRECT);
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
    assertThat(h.events(TokenFailure.class))
        .extracting(f -> f.reason().label())
        .containsExactly(
            "incorrect",
            "fetch_failed",
            "fetch_failed",
            "fetch_failed",
            "fetch_failed",
            "incorrect");
    assertThat(h.events(TokenRefresh.class))
        .extracting(r -> r.outcome().label())
        .containsExactly("failure", "failure", "failure", "failure", "success", "success");
  }

  private long fetchFailures() {
    return h.events(TokenFailure.class).stream()
        .filter(f -> f.reason() == TokenFailure.Reason.FETCH_FAILED)
        .count();
  }

  @Test
  void aLiveSessionEndedForItsTokenCountsTheReconnectAsARecovery() {
    ProbeConnection c = connect(h.settings());
    h.awaitStatus(c, CONNECTED);
    upstream.serverSends(new Frame.Disconnect(31020, "token expired"));
    h.awaitStatus(c, TOKEN_INCORRECT);
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
    assertThat(h.events(ConnectCompleted.class))
        .extracting(ConnectCompleted::recovery)
        .containsExactly(null, Duration.ofMillis(50));
  }
}
