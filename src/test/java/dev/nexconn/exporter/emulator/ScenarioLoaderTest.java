package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {
  @Test
  void everyBuiltInScenarioLoadsWithStepsInsideItsDuration() {
    for (String name : ScenarioLoader.BUILT_IN) {
      Scenario s = ScenarioLoader.load(name);
      assertThat(s.name()).isEqualTo(name);
      assertThat(s.timeline()).isNotEmpty();
      assertThat(s.timeline()).allMatch(step -> step.at().compareTo(s.duration()) <= 0);
    }
  }

  @Test
  void aTimelineIsParsedWithDefaultsAndSortedByTime() {
    Scenario s =
        ScenarioLoader.parse(
            """
            name: mine
            duration: 2m
            fleet: {apps: 10, statusChangesPerSecond: 1.5, platforms: {android: 1}}
            timeline:
              - {at: 90s, action: kick, percent: 12.5}
              - {at: 500ms, action: ban, duration: 10m}
            """,
            "test");
    assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.fleet().apps()).isEqualTo(10);
    assertThat(s.timeline().get(0).action()).isEqualTo(ScenarioAction.BAN);
    assertThat(s.timeline().get(0).percent()).isEqualTo(100);
    assertThat(s.timeline().get(0).describe()).isEqualTo("ban 100% for 10m");
    assertThat(s.timeline().get(1).at()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.timeline().get(1).describe()).isEqualTo("kick 12.5%");
  }

  static Stream<Arguments> badScenarios() {
    String head = "name: x\nduration: 1m\ntimeline:\n";
    return Stream.of(
        Arguments.of(
            head + "  - {at: 1s, action: explode}\n",
            "timeline[0].action 'explode' is unknown: use one of"),
        Arguments.of(
            head + "  - {at: 1s, action: ban, percent: 120}\n",
            "timeline[0].percent must be a number from 0 to 100"),
        Arguments.of(
            head + "  - {at: soon, action: ban}\n", "timeline[0].at must be a duration like 30s"),
        Arguments.of(
            head + "  - {at: 30, action: ban}\n", "timeline[0].at must be a duration like 30s"),
        Arguments.of(
            head + "  - {at: 2m, action: ban}\n",
            "timeline[0].at is after the scenario's duration 1m"),
        Arguments.of(
            head + "  - {at: 1s, action: latency, delay: 3m}\n",
            "timeline[0].delay must be at most 2m"),
        Arguments.of(
            head + "  - {at: 1s, action: latency, delay: 1s, millis: 5}\n",
            "timeline[0].millis is the older spelling of delay"),
        Arguments.of("name: x\ntimeline: []\n", "duration is required"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badScenarios")
  void errorsNameTheScenarioTheKeyPathAndTheFix(String yaml, String expected) {
    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "f.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("scenario f.yaml: ")
        .hasMessageContaining(expected);
  }

  @Test
  void anUnknownScenarioNameListsTheBuiltIns() {
    assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario"))
        .hasMessageContaining("neither a built-in (steady, token-expiry-wave");
  }

  @Test
  void latencyReadsDelayOrItsMillisAlias() {
    String head = "name: x\nduration: 1m\ntimeline:\n";
    assertThat(
            ScenarioLoader.parse(head + "  - {at: 1s, action: latency, delay: 800ms}\n", "f")
                .timeline()
                .get(0)
                .millis())
        .isEqualTo(800);
    assertThat(
            ScenarioLoader.parse(head + "  - {at: 1s, action: latency, millis: 800}\n", "f")
                .timeline()
                .get(0)
                .millis())
        .isEqualTo(800);
  }
}
