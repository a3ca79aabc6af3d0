package dev.nexconn.exporter.alerting;

import static dev.nexconn.exporter.support.AlertEvents.ban;
import static dev.nexconn.exporter.support.AlertEvents.databaseOpened;
import static dev.nexconn.exporter.support.AlertEvents.sdk;
import static dev.nexconn.exporter.support.AlertEvents.tokenFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.AlertRuleConfig;
import dev.nexconn.exporter.config.AlertSignal;
import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.support.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every counting default rule fires on a wave that starts 60 s after a cold start (no saved
 * baseline), within its window plus {@code for}, through its {@code coldStartFloor}; a wave just
 * below that floor stays silent.
 */
class ColdStartTest {
  private final ManualClock clock = new ManualClock();
  private final SpikeDetector detector =
      new SpikeDetector(AlertingConfig.defaults(), clock, Map.of("pod", "test-0"));

  static Stream<AlertRuleConfig> countingRules() {
    return AlertingConfig.defaults().rules().stream().filter(r -> r.signal().counting());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("countingRules")
  void waveSixtySecondsAfterAColdStartFiresWithinWindowPlusFor(AlertRuleConfig rule) {
    tick(Duration.ofSeconds(60));
    Instant waveStart = clock.instant();

    wave(rule, (int) Math.ceil(rule.coldStartFloor()));
    Instant deadline = waveStart.plus(rule.window()).plus(rule.forDuration());
    while (clock.instant().isBefore(deadline) && firingAt(rule) == null) {
      tick(Duration.ofSeconds(1));
    }

    Alert alert = alert(rule);
    assertThat(alert.baselineReady()).isFalse();
    assertThat(alert.state()).isEqualTo(AlertState.FIRING);
    assertThat(alert.firingAt()).isBeforeOrEqualTo(deadline);
    assertThat(alert.threshold()).isEqualTo(rule.coldStartFloor());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("countingRules")
  void waveJustBelowTheColdStartFloorStaysSilent(AlertRuleConfig rule) {
    tick(Duration.ofSeconds(60));

    wave(rule, (int) Math.ceil(rule.coldStartFloor()) - 1);
    tick(Duration.ofSeconds(2));

    assertThat(alert(rule).baselineReady()).isFalse();
    assertThat(alert(rule).state()).isEqualTo(AlertState.INACTIVE);
  }

  /** {@code n} events of the rule's signal spread over 10 seconds. */
  private void wave(AlertRuleConfig rule, int n) {
    Function<Instant, ConnectionEvent> event = eventOf(rule.signal());
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofMillis(10_000 / n));
      detector.onEvent(event.apply(clock.instant()));
    }
  }

  private static Function<Instant, ConnectionEvent> eventOf(AlertSignal signal) {
    return switch (signal) {
      case BAN -> at -> ban(at);
      case KICK -> at -> sdk(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, at);
      case TOKEN_EXPIRY -> at -> tokenFailure(EventSource.SDK, "expired", at);
      case DATABASE_RECREATE -> at -> databaseOpened(true, at);
      case USER_ABANDON -> at -> sdk(ConnectionStatus.USER_ABANDON, at);
      case PROBES_DOWN -> throw new IllegalArgumentException("not a counting signal");
    };
  }

  private void tick(Duration d) {
    for (long s = 0; s < d.toSeconds(); s++) {
      clock.advance(Duration.ofSeconds(1));
      detector.evaluate();
    }
  }

  private Instant firingAt(AlertRuleConfig rule) {
    return alert(rule).firingAt();
  }

  private Alert alert(AlertRuleConfig rule) {
    return detector.alerts().stream()
        .filter(a -> a.name().equals(rule.name()))
        .findFirst()
        .orElseThrow();
  }
}
