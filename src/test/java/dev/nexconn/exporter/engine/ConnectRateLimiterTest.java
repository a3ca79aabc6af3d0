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
