package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.support.EngineHarness;
import dev.nexconn.exporter.support.FakeUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectRateLimiterTest {
  @Test
  void aBurstPassesThenConnectsAreSpacedByTheRate() {
    ConnectRateLimiter cap = new ConnectRateLimiter(2, 3);
    List<Long> admitted = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      admitted.add(cap.admitAt(10_000));
    }
    assertThat(admitted).containsExactly(10_000L, 10_000L, 10_000L, 10_500L, 11_000L, 11_500L);
  }

  @Test
  void theBucketRefillsOverTimeUpToTheBurst() {
    ConnectRateLimiter cap = new ConnectRateLimiter(1, 2);
    cap.admitAt(0);
    cap.admitAt(0);
    assertThat(cap.admitAt(60_000)).isEqualTo(60_000);
    assertThat(cap.admitAt(60_000)).isEqualTo(60_000);
    assertThat(cap.admitAt(60_000)).isEqualTo(61_000);
  }

  @Test
  void startsAreCappedWhereTheyHappenAndARefusedStartLearnsWhenToComeBack() {
    ConnectRateLimiter cap = new ConnectRateLimiter(2, 3);
    assertThat(cap.tryStart(10_000)).isTrue();
    assertThat(cap.tryStart(10_000)).isTrue();
    assertThat(cap.tryStart(10_000)).isTrue();
    assertThat(cap.tryStart(10_000)).isFalse();
    assertThat(cap.nextStartAt(10_000)).isEqualTo(10_500);
    assertThat(cap.tryStart(10_499)).isFalse();
    assertThat(cap.tryStart(10_500)).isTrue();
    // Late wakers all arriving at one instant get only what the bucket holds, at most the burst.
    int started = 0;
    for (int i = 0; i < 10; i++) {
      started += cap.tryStart(60_000) ? 1 : 0;
    }
    assertThat(started).isEqualTo(3);
  }

  @Test
  void lateWakersNeverPushAWindowPastTheCap() {
    // A starved event loop, modelled by a clock that jumps: 150 ms pass at once, then 1 ms steps.
    // Every wake-up due in the jump runs at its end, together with the punctual ones after it.
    // Burst 1 at 200/s allows at most 1 + 200 * 0.1 = 21 starts in any 100 ms.
    FakeUpstream upstream = new FakeUpstream();
    try (EngineHarness h = new EngineHarness(upstream, new ConnectRateLimiter(200, 1))) {
      for (int i = 0; i < 200; i++) {
        h.engine.connect(h.settings(), "u" + i, ConnectParams.of("t"), null, null);
      }
      List<long[]> opens = new ArrayList<>(); // {time ms, opened so far}
      long t = 0;
      for (int round = 0; upstream.opened() < 200 && round < 40; round++) {
        for (int step = 0; step < 101; step++) {
          long d = step == 0 ? 150 : 1;
          h.advance(Duration.ofMillis(d));
          t += d;
          h.drain();
          opens.add(new long[] {t, upstream.opened()});
        }
      }
      assertThat(upstream.opened()).isEqualTo(200);
      for (long[] from : opens) {
        long before =
            opens.stream().filter(o -> o[0] < from[0]).mapToLong(o -> o[1]).max().orElse(0);
        long until =
            opens.stream().filter(o -> o[0] < from[0] + 100).mapToLong(o -> o[1]).max().orElse(0);
        assertThat(until - before)
            .as("starts in the 100 ms from t=%d ms", from[0])
            .isLessThanOrEqualTo(21);
      }
    }
  }

  @Test
  void nonsenseRatesAreRefused() {
    assertThatThrownBy(() -> new ConnectRateLimiter(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConnectRateLimiter(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCapIsSharedByEveryProbeOfTheEngine() {
    FakeUpstream upstream = new FakeUpstream();
    try (EngineHarness h = new EngineHarness(upstream, new ConnectRateLimiter(1, 2))) {
      List<ProbeConnection> probes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        probes.add(h.engine.connect(h.settings(), "u" + i, ConnectParams.of("t"), null, null));
      }
      h.awaitTrue(() -> upstream.opened() == 2);
      h.drain();
      assertThat(upstream.opened()).isEqualTo(2);
      h.advance(Duration.ofMillis(1000));
      h.awaitTrue(() -> upstream.opened() == 3);
      h.advance(Duration.ofMillis(1000));
      h.awaitTrue(() -> upstream.opened() == 4);
      h.awaitTrue(() -> probes.stream().allMatch(p -> p.status() == ConnectionStatus.CONNECTED));
    }
  }
}
