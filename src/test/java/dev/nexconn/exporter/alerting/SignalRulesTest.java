package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.support.AlertEvents;
import dev.nexconn.exporter.support.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What each default signal counts, and the source filter. */
class SignalRulesTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void tokenExpiryWaveCountsTokenIncorrectTransitionsAndIncorrectOrExpiredFailures() {
    SpikeDetector detector = warmDetector(AlertingConfig.defaults());
    for (int i = 0; i < 10; i++) {
      detector.onEvent(AlertEvents.sdk(ConnectionStatus.TOKEN_INCORRECT, clock.instant()));
      detector.onEvent(AlertEvents.tokenFailure(EventSource.PROBE, "expired", clock.instant()));
      detector.onEvent(
          AlertEvents.tokenFailure(EventSource.PROBE, "fetch_failed", clock.instant()));
    }
    assertThat(value(detector, "NexconnTokenExpiryWave")).isEqualTo(20);

    feed(
        detector,
        60,
        () -> AlertEvents.tokenFailure(EventSource.SDK, "incorrect", clock.instant()));
    assertThat(detector.state("NexconnTokenExpiryWave")).isEqualTo(AlertState.PENDING);
    clock.advance(Duration.ofMinutes(1));
    detector.evaluate();
    assertThat(detector.state("NexconnTokenExpiryWave")).isEqualTo(AlertState.FIRING);
  }

  @Test
  void databaseRecreateWaveCountsOnlyRecreatedDatabases() {
    SpikeDetector detector = warmDetector(AlertingConfig.defaults());
    feed(detector, 30, () -> AlertEvents.databaseOpened(false, clock.instant()));
    assertThat(value(detector, "NexconnDatabaseRecreateWave")).isZero();

    feed(detector, 12, () -> AlertEvents.databaseOpened(true, clock.instant()));
    assertThat(value(detector, "NexconnDatabaseRecreateWave")).isEqualTo(12);
  }

  @Test
  void kickAndUserAbandonCountTheirOwnStatusesOnly() {
    SpikeDetector detector = warmDetector(AlertingConfig.defaults());
    feed(
        detector,
        25,
        () -> AlertEvents.sdk(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, clock.instant()));
    feed(detector, 11, () -> AlertEvents.sdk(ConnectionStatus.USER_ABANDON, clock.instant()));

    assertThat(value(detector, "NexconnKickSpike")).isEqualTo(25);
    assertThat(value(detector, "NexconnUserAbandonSpike")).isEqualTo(11);
    assertThat(value(detector, "NexconnBanSpike")).isZero();
    assertThat(detector.state("NexconnUserAbandonSpike")).isEqualTo(AlertState.FIRING);
    assertThat(detector.state("NexconnKickSpike")).isEqualTo(AlertState.PENDING);
  }

  @Test
  void sourceFilterIgnoresEventsFromOtherSources() {
    AlertingConfig config =
        SpikeDetectorTest.config(
            """
            rules:
              - name: NexconnBanSpike
                sources: [probe]
            """);
    SpikeDetector detector = warmDetector(config);
    feed(detector, 50, () -> AlertEvents.ban(clock.instant()));
    assertThat(value(detector, "NexconnBanSpike")).isZero();

    feed(
        detector,
        50,
        () ->
            AlertEvents.probe(
                "p1",
                ConnectionStatus.CONNECTED,
                ConnectionStatus.DISCONN_EXCEPTION,
                clock.instant()));
    assertThat(value(detector, "NexconnBanSpike")).isEqualTo(50);
    assertThat(detector.state("NexconnBanSpike")).isEqualTo(AlertState.FIRING);
  }

  @Test
  void disabledRuleIsNotEvaluated() {
    AlertingConfig config =
        SpikeDetectorTest.config(
            """
            rules:
              - name: NexconnBanSpike
                enabled: false
            """);
    SpikeDetector detector = new SpikeDetector(config, clock, Map.of());
    assertThat(detector.alerts())
        .extracting(Alert::name)
        .doesNotContain("NexconnBanSpike")
        .hasSize(5);
  }

  /** A detector that has seen two quiet hours, so every baseline is warm and zero. */
  private SpikeDetector warmDetector(AlertingConfig config) {
    SpikeDetector detector = new SpikeDetector(config, clock, Map.of());
    for (int i = 0; i < 2 * 60; i++) {
      clock.advance(Duration.ofMinutes(1));
      detector.evaluate();
    }
    return detector;
  }

  private void feed(SpikeDetector detector, int n, Supplier<ConnectionEvent> event) {
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofMillis(100));
      detector.onEvent(event.get());
    }
  }

  private static double value(SpikeDetector detector, String name) {
    return detector.alerts().stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow()
        .value();
  }
}
