package dev.nexconn.exporter.alerting;

import static dev.nexconn.exporter.support.AlertEvents.ban;
import static dev.nexconn.exporter.support.AlertEvents.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.support.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The default NexconnBanSpike rule (1m window, 30m baseline, floor 10, ratio 3, for 0s). */
class SpikeDetectorTest {
  private final ManualClock clock = new ManualClock();
  private final SpikeDetector detector =
      new SpikeDetector(AlertingConfig.defaults(), clock, Map.of("pod", "test-0"));
  private final Set<AlertState> seen = EnumSet.noneOf(AlertState.class);

  @Test
  void steadyTrafficAboveTheFloorNeverLeavesInactive() {
    run(Duration.ofHours(3), minute -> 30);

    assertThat(seen).containsOnly(AlertState.INACTIVE);
    assertThat(banAlert().value()).isBetween(25.0, 35.0);
    assertThat(banAlert().baseline()).isBetween(25.0, 35.0);
  }

  @Test
  void slowRampFromFiveToSixtyPerMinuteOverThreeHoursNeverLeavesInactive() {
    run(Duration.ofHours(3), minute -> 5 + 55 * minute / 180);

    assertThat(seen).containsOnly(AlertState.INACTIVE);
  }

  @Test
  void singleBurstBelowTheFloorDoesNotFire() {
    run(Duration.ofHours(1), minute -> 0.5);

    burst(9);
    run(Duration.ofMinutes(5), minute -> 0.5);

    assertThat(seen).containsOnly(AlertState.INACTIVE);
  }

  @Test
  void spikeOverSteadyTrafficFires() {
    run(Duration.ofHours(1), minute -> 2);

    burst(40);

    assertThat(banAlert().state()).isEqualTo(AlertState.FIRING);
    assertThat(banAlert().crossedBaseline()).isBetween(1.0, 3.0);
    assertThat(banAlert().crossedValue()).isGreaterThanOrEqualTo(10);
    assertThat(banAlert().labels())
        .containsEntry("alertname", "NexconnBanSpike")
        .containsEntry("severity", "critical")
        .containsEntry("pod", "test-0");
    assertThat(banAlert().annotations().get("description"))
        .startsWith(SpikeDetector.number(banAlert().crossedValue()) + " connections ended in")
        .contains("last 1m");
  }

  @Test
  void eventThatCrossesTheThresholdFiresWithinTwoSeconds() {
    run(Duration.ofHours(1), minute -> 2);
    Instant crossing = null;
    // One ban every 100 ms: the detector must notice the one that crosses, not a later tick.
    for (int i = 0; i < 40 && crossing == null; i++) {
      clock.advance(Duration.ofMillis(100));
      double before = banAlert().value();
      detector.onEvent(ban(clock.instant()));
      if (before < banAlert().threshold() && banAlert().value() >= banAlert().threshold()) {
        crossing = clock.instant();
      }
    }
    assertThat(crossing).as("a ban crossed the threshold").isNotNull();
    while (banAlert().state() != AlertState.FIRING
        && clock.instant().isBefore(crossing.plusSeconds(5))) {
      clock.advance(Duration.ofMillis(100));
      detector.evaluate();
    }

    assertThat(banAlert().state()).isEqualTo(AlertState.FIRING);
    assertThat(Duration.between(crossing, banAlert().firingAt()))
        .isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void hoursWithoutEvaluationDecayTheBaselineAsIfEveryBucketWasEmpty() {
    run(Duration.ofHours(1), minute -> 30);
    assertThat(banAlert().baseline()).isBetween(25.0, 35.0);

    clock.advance(Duration.ofHours(3));
    detector.evaluate();

    assertThat(banAlert().value()).isZero();
    // 3 h of silence against a 30 min time constant leaves e^-6 of the old baseline.
    assertThat(banAlert().baseline()).isBetween(0.0, 0.2);
    burst(12);
    assertThat(banAlert().state()).isEqualTo(AlertState.FIRING);
  }

  @Test
  void spikeDuringWarmUpFiresOnlyAtTheColdStartFloor() {
    burst(59);
    assertThat(banAlert().state()).isEqualTo(AlertState.INACTIVE);
    assertThat(banAlert().threshold()).isEqualTo(60);

    burst(1);
    assertThat(banAlert().state()).isEqualTo(AlertState.FIRING);
  }

  @Test
  void firingResolvesWhenTheSpikeLeavesTheWindowAndTurnsInactiveAfterRetention() {
    run(Duration.ofHours(1), minute -> 1);
    burst(30);
    Instant burstEnd = clock.instant();
    assertThat(banAlert().state()).isEqualTo(AlertState.FIRING);

    run(Duration.ofSeconds(30), minute -> 0);
    assertThat(banAlert().state()).isEqualTo(AlertState.FIRING);

    run(Duration.ofSeconds(31), minute -> 0);
    assertThat(banAlert().state()).isEqualTo(AlertState.RESOLVED);
    assertThat(banAlert().resolvedAt()).isBetween(banAlert().firingAt(), burstEnd.plusSeconds(61));

    run(Duration.ofMinutes(15), minute -> 0);
    assertThat(banAlert().state()).isEqualTo(AlertState.INACTIVE);
    assertThat(seen)
        .containsExactlyInAnyOrder(AlertState.INACTIVE, AlertState.FIRING, AlertState.RESOLVED);
  }

  @Test
  void probesDownFiresAfterItsForAndResolvesWhenProbesReconnect() {
    for (int i = 0; i < 10; i++) {
      detector.onEvent(probe("p" + i, null, ConnectionStatus.CONNECTED, clock.instant()));
    }
    run(Duration.ofMinutes(5), minute -> 0);
    for (int i = 0; i < 8; i++) {
      detector.onEvent(
          probe("p" + i, ConnectionStatus.CONNECTED, ConnectionStatus.SUSPEND, clock.instant()));
    }
    run(Duration.ofSeconds(50), minute -> 0);
    assertThat(detector.state("NexconnProbesDown")).isEqualTo(AlertState.PENDING);

    // The 1m average crosses 0.5 about 38 s after the drop; then "for: 2m" runs.
    run(Duration.ofSeconds(60), minute -> 0);
    assertThat(detector.state("NexconnProbesDown")).isEqualTo(AlertState.PENDING);
    run(Duration.ofSeconds(50), minute -> 0);
    assertThat(detector.state("NexconnProbesDown")).isEqualTo(AlertState.FIRING);
    assertThat(alert("NexconnProbesDown").value()).isCloseTo(0.8, within(1e-9));

    for (int i = 0; i < 8; i++) {
      detector.onEvent(
          probe("p" + i, ConnectionStatus.SUSPEND, ConnectionStatus.CONNECTED, clock.instant()));
    }
    run(Duration.ofSeconds(30), minute -> 0);
    assertThat(detector.state("NexconnProbesDown")).isEqualTo(AlertState.RESOLVED);
  }

  /** Feeds bans at {@code perMinute(minute)} and evaluates every second, recording states. */
  private void run(Duration length, DoubleUnaryOperator perMinute) {
    double owed = 0;
    long seconds = length.toSeconds();
    for (long s = 0; s < seconds; s++) {
      clock.advance(Duration.ofSeconds(1));
      owed += perMinute.applyAsDouble(s / 60.0) / 60.0;
      while (owed >= 1) {
        detector.onEvent(ban(clock.instant()));
        owed -= 1;
        seen.add(banAlert().state());
      }
      detector.evaluate();
      seen.add(banAlert().state());
    }
  }

  /** {@code n} bans within 10 seconds. */
  private void burst(int n) {
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofMillis(10_000 / n));
      detector.onEvent(ban(clock.instant()));
      seen.add(banAlert().state());
    }
  }

  private Alert banAlert() {
    return alert("NexconnBanSpike");
  }

  private Alert alert(String name) {
    return detector.alerts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  static AlertingConfig config(String alertingYaml) {
    return ConfigLoader.parse("alerting:\n" + alertingYaml.indent(2), name -> null).alerting();
  }
}
