package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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

  @Test
  void errorsNameTheScenarioTheKeyPathAndTheFix() {
    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    "name: x\nduration: 1m\ntimeline:\n  - {at: 1s, action: explode}\n", "f.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("scenario f.yaml: timeline[0].action 'explode' is unknown")
        .hasMessageContaining("expire-tokens");
    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    "name: x\nduration: 1m\ntimeline:\n  - {at: 1s, action: ban, percent: 120}\n",
                    "f.yaml"))
        .hasMessageContaining("timeline[0].percent must be a number from 0 to 100");
    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    "name: x\nduration: 1m\ntimeline:\n  - {at: soon, action: ban}\n", "f.yaml"))
        .hasMessageContaining("timeline[0].at must be a duration like 30s");
    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    "name: x\nduration: 1m\ntimeline:\n  - {at: 2m, action: ban}\n", "f.yaml"))
        .hasMessageContaining("timeline[0].at is after the scenario's duration 1m");
    assertThatThrownBy(() -> ScenarioLoader.parse("name: x\ntimeline: []\n", "f.yaml"))
        .hasMessageContaining("duration is required");
    assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario"))
        .hasMessageContaining("neither a built-in (steady, token-expiry-wave");
  }
}
