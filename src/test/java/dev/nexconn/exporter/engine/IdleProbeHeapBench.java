package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.IdleProbeHeap;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Heap per idle probe connection with {@code -Dbench.probes=N} probes (default 5000). Run with
 * {@code mvn -B verify -Pbench}; the number is printed and must stay within the 3 KiB budget.
 */
class IdleProbeHeapBench {
  @Test
  void heapPerIdleProbeConnection() throws Exception {
    int n = Integer.getInteger("bench.probes", 5000);
    IdleProbeHeap.Result r =
        IdleProbeHeap.measure(
            Path.of(System.getProperty("nexconn.jar")), n, java.time.Duration.ofSeconds(12));
    System.out.printf(
        "BENCH idle probes=%d heap_before=%d heap_after=%d bytes_per_probe=%d connect_all=%s%n",
        r.probes(), r.baselineBytes(), r.loadedBytes(), r.bytesPerProbe(), r.connectAll());
    assertThat(r.bytesPerProbe()).isPositive();
  }
}
