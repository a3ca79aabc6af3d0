package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.IdleProbeHeap;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A seconds-long smoke run of the idle-probe heap benchmark (50 probes); the real measurement is
 * {@code IdleProbeHeapBench} in the {@code bench} profile.
 */
class IdleProbeHeapIT {
  @Test
  void fiftyIdleProbesConnectAndTheirHeapIsMeasured() throws Exception {
    IdleProbeHeap.Result r =
        IdleProbeHeap.measure(
            Path.of(System.getProperty("nexconn.jar")), 50, java.time.Duration.ZERO);
    System.out.println("idle probe heap smoke: " + r + ", bytes/probe=" + r.bytesPerProbe());
    assertThat(r.probes()).isEqualTo(50);
    assertThat(r.loadedBytes()).isPositive();
  }
}
