package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
  @Test
  void withoutJitterItIsTheSdkScheduleThenEvery64Seconds() {
    ReconnectPolicy p = ReconnectPolicy.sdkDefault(false);
    assertThat(
            IntStream.rangeClosed(1, 12)
                .mapToObj(n -> p.delay(n, new SplittableRandom(1)).toMillis()))
        .containsExactly(
            50L, 250L, 500L, 1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 64000L, 64000L, 64000L);
  }

  @Test
  void fullJitterStaysWithinTheStepAndIsReproducibleWithASeed() {
    ReconnectPolicy p = ReconnectPolicy.sdkDefault(true);
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int n = 1; n <= 20; n++) {
      Duration d = p.delay(n, a);
      assertThat(d).isBetween(Duration.ZERO, p.step(n));
      assertThat(p.delay(n, b)).isEqualTo(d);
    }
  }

  @Test
  void jitterSpreadsAFleetDroppedTogether() {
    ReconnectPolicy p = ReconnectPolicy.sdkDefault(true);
    SplittableRandom r = new SplittableRandom(3);
    long distinct =
        IntStream.range(0, 1000).mapToObj(i -> p.delay(6, r).toMillis()).distinct().count();
    assertThat(distinct).isGreaterThan(500);
  }
}
