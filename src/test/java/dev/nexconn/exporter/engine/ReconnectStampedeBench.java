package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.EmulatorChildProcess;
import dev.nexconn.exporter.support.ReconnectStampede;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reconnect stampede with {@code -Dbench.stampede.probes=N} probes (default 5000) for the SDK
 * schedule, full jitter, and jitter with the connect-rate cap ({@code -Dbench.stampede.rate},
 * {@code -Dbench.stampede.burst}; default the engine's 200/s, burst 50). Run with {@code mvn -B
 * verify -Pbench -Dit.test=ReconnectStampedeBench}; it prints one {@code BENCH stampede} line per
 * variant (see docs/benchmarks.md). {@code -Dbench.stampede.variants=JITTER_AND_CAP} runs a subset;
 * {@code -Dbench.emulator.apiRate=200} gives the emulator the real Server API limit.
 */
class ReconnectStampedeBench {
  @Test
  void reconnectStampedeWithAndWithoutJitterAndCap() throws Exception {
    int n = Integer.getInteger("bench.stampede.probes", 5000);
    double rate = Double.parseDouble(System.getProperty("bench.stampede.rate", "200"));
    int burst = Integer.getInteger("bench.stampede.burst", 50);
    try (EmulatorChildProcess emulator =
        EmulatorChildProcess.start(Path.of(System.getProperty("nexconn.jar")))) {
      for (String name :
          System.getProperty("bench.stampede.variants", "SDK_SCHEDULE,FULL_JITTER,JITTER_AND_CAP")
              .split(",")) {
        ReconnectStampede.Variant v = ReconnectStampede.Variant.valueOf(name.trim());
        ReconnectStampede.Result r =
            ReconnectStampede.run(
                emulator, v, n, new ConnectRateLimiter(rate, burst), v.name().toLowerCase());
        System.out.println(
            r.line()
                + (v == ReconnectStampede.Variant.JITTER_AND_CAP
                    ? " cap_per_s=" + rate + " cap_burst=" + burst
                    : ""));
        assertThat(r.attempts()).isPositive();
      }
    }
  }
}
