package dev.nexconn.exporter.alerting;

import static dev.nexconn.exporter.support.AlertEvents.ban;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nexconn.exporter.config.AlertBaselineConfig;
import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.logging.LogfmtLayout;
import dev.nexconn.exporter.support.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Baselines survive a restart through the data volume; bad files are reported and ignored. */
class BaselinePersistenceTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Path file;
  private AlertBaselineConfig config;

  @BeforeEach
  void setUp() {
    file = dir.resolve("baselines.json");
    config = new AlertBaselineConfig(file, Duration.ofMinutes(1), Duration.ofHours(2));
    log.start();
    ((Logger) LoggerFactory.getLogger(BaselinePersistence.class)).addAppender(log);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger(BaselinePersistence.class)).detachAppender(log);
  }

  @Test
  void aRestartInTheMiddleOfASteadyPeriodKeepsTheBaseline() {
    SpikeDetector before = detector();
    steady(before, Duration.ofHours(1));
    Alert old = banAlert(before);
    assertThat(old.baselineReady()).isTrue();
    assertThat(new BaselinePersistence(config, before, clock).save()).isTrue();

    clock.advance(Duration.ofSeconds(20));
    SpikeDetector after = detector();
    assertThat(new BaselinePersistence(config, after, clock).restore()).isEqualTo(6);

    assertThat(banAlert(after).baselineReady()).isTrue();
    assertThat(banAlert(after).baseline()).isEqualTo(old.baseline());
    // 20 bans in 10 s: over 3 x the learnt baseline of about 2/min, under the cold-start floor.
    burst(after, 20);
    assertThat(banAlert(after).state()).isEqualTo(AlertState.FIRING);
    SpikeDetector cold = detector();
    burst(cold, 20);
    assertThat(banAlert(cold).state()).isEqualTo(AlertState.INACTIVE);
  }

  @Test
  void aCorruptFileIsReportedAndTheRulesStartCold() throws IOException {
    Files.writeString(file, "{\"version\":1,\"savedAt\":");

    SpikeDetector d = detector();
    assertThat(new BaselinePersistence(config, d, clock).restore()).isZero();

    assertThat(banAlert(d).baselineReady()).isFalse();
    assertThat(log.list).hasSize(1);
    assertThat(log.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(line(log.list.get(0)))
        .startsWith("event=alert_baselines_ignored file=" + file + " reason=\"not a baseline file");
  }

  @Test
  void aStaleFileIsReportedAndIgnored() {
    SpikeDetector before = detector();
    steady(before, Duration.ofHours(1));
    new BaselinePersistence(config, before, clock).save();

    clock.advance(Duration.ofHours(3));
    SpikeDetector after = detector();
    assertThat(new BaselinePersistence(config, after, clock).restore()).isZero();

    assertThat(banAlert(after).baselineReady()).isFalse();
    assertThat(line(log.list.get(0)))
        .contains("reason=\"stale: saved 10800s ago, maxAge is PT2H\"");
  }

  @Test
  void aBaselineLearntUnderAnotherWindowIsNotReused() {
    SpikeDetector before = detector();
    steady(before, Duration.ofHours(1));
    new BaselinePersistence(config, before, clock).save();

    SpikeDetector after =
        new SpikeDetector(
            SpikeDetectorTest.config("rules:\n  - {name: NexconnBanSpike, window: 2m}"),
            clock,
            Map.of());
    assertThat(new BaselinePersistence(config, after, clock).restore()).isEqualTo(5);

    assertThat(banAlert(after).baselineReady()).isFalse();
  }

  @Test
  void stopWritesTheFileAndLeavesNoTemporaryFileBehind() throws IOException {
    SpikeDetector d = detector();
    steady(d, Duration.ofMinutes(5));
    BaselinePersistence p = new BaselinePersistence(config, d, clock);

    p.stop();

    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(Files.readString(file)).contains("\"rule\":\"NexconnBanSpike\"");
  }

  @Test
  void anUnwritableDirectoryLogsOneWarningAndTheDetectorKeepsWorking() throws IOException {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    AlertBaselineConfig bad =
        new AlertBaselineConfig(
            blocker.resolve("baselines.json"), Duration.ofMinutes(1), Duration.ofHours(2));
    SpikeDetector d = detector();
    BaselinePersistence p = new BaselinePersistence(bad, d, clock);

    assertThat(p.save()).isFalse();
    assertThat(p.save()).isFalse();

    assertThat(log.list).hasSize(1);
    assertThat(line(log.list.get(0))).startsWith("event=alert_baselines_save_failed");
    burst(d, 60);
    assertThat(banAlert(d).state()).isEqualTo(AlertState.FIRING);
  }

  /** The event's key-value pairs as the logfmt layout writes them. */
  private static String line(ILoggingEvent e) {
    return e.getKeyValuePairs().stream()
        .map(p -> LogfmtLayout.pair(p.key, p.value))
        .collect(Collectors.joining(" "));
  }

  private SpikeDetector detector() {
    return new SpikeDetector(AlertingConfig.defaults(), clock, Map.of());
  }

  /** Two bans a minute, evaluated every second. */
  private void steady(SpikeDetector d, Duration length) {
    for (long s = 1; s <= length.toSeconds(); s++) {
      clock.advance(Duration.ofSeconds(1));
      if (s % 30 == 0) {
        d.onEvent(ban(clock.instant()));
      }
      d.evaluate();
    }
  }

  private void burst(SpikeDetector d, int n) {
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofMillis(10_000 / n));
      d.onEvent(ban(clock.instant()));
    }
  }

  private static Alert banAlert(SpikeDetector d) {
    return d.alerts().stream()
        .filter(a -> a.name().equals("NexconnBanSpike"))
        .findFirst()
        .orElseThrow();
  }
}
