package dev.nexconn.exporter.emulator;

/** A scenario that cannot be loaded; the message names the scenario, the key path and the fix. */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ScenarioException(String message) {
    super(message, null, false, false);
  }
}
