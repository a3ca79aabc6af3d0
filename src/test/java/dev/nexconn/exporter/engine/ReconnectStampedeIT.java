package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.EmulatorChildProcess;
import dev.nexconn.exporter.support.ReconnectStampede;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A seconds-long smoke run of the reconnect stampede benchmark (30 probes per variant); the real
 * measurement is {@code ReconnectStampedeBench} in the {@code bench} profile.
 */
class ReconnectStampedeIT {
  @Test
  void thirtyProbesAreDroppedAndTheirWayBackIsMeasuredForEachVariant() throws Exception {
    try (EmulatorChildProcess emulator =
        EmulatorChildProcess.start(Path.of(System.getProperty("nexconn.jar")))) {
      for (ReconnectStampede.Variant v : ReconnectStampede.Variant.values()) {
        ReconnectStampede.Result r =
            ReconnectStampede.run(
                emulator, v, 30, new ConnectRateLimiter(200, 10), v.name().toLowerCase());
        System.out.println("stampede smoke: " + r.line());
        assertThat(r.dropped()).isEqualTo(30);
        assertThat(r.attempts()).isGreaterThanOrEqualTo(30);
        assertThat(r.peakPer100ms()).isPositive();
      }
    }
  }
}
