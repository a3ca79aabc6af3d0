package dev.nexconn.exporter.emulator;

import java.time.Duration;
import java.util.List;

/**
 * A scenario: a timeline of actions on the emulator and the virtual apps ({@code docs/emulator.md}
 * documents the YAML form).
 *
 * @param name short name, e.g. {@code ban-spike}
 * @param description one sentence shown when it starts
 * @param duration how long it runs before the next one
 * @param fleet the fleet it starts with
 * @param timeline steps in order of {@code at}
 */
record Scenario(
    String name,
    String description,
    Duration duration,
    VirtualAppRates fleet,
    List<ScenarioStep> timeline) {
  public Scenario {
    timeline = timeline.stream().sorted((a, b) -> a.at().compareTo(b.at())).toList();
  }
}
