package dev.nexconn.exporter.emulator;

import java.time.Duration;

/** How long the demo takes to play every built-in scenario once, for soaks that must cover it. */
public final class DemoCycle {
  private DemoCycle() {}

  /** The sum of the built-in scenarios' durations (the demo plays them in a loop). */
  public static Duration length() {
    return ScenarioLoader.BUILT_IN.stream()
        .map(n -> ScenarioLoader.load(n).duration())
        .reduce(Duration.ZERO, Duration::plus);
  }
}
