package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16, "OOM under the shipped limits": bounds that cannot fit the heap stop the start. */
class MemoryBudgetTest {
  /** The Dockerfile's MaxRAMPercentage of the Deployment's memory limit, read from both files. */
  static final long POD_HEAP = podHeap();

  private static long podHeap() {
    try {
      return dev.nexconn.exporter.support.PodLimits.shipped().heapMib() * 1024L * 1024;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theDefaultsFitThePodsHeap() {
    assertThatCode(() -> MemoryBudget.check(config(HttpConfig.Limits.DEFAULT), POD_HEAP))
        .doesNotThrowAnyException();
  }

  @Test
  void aConnectionCapThatCannotFitNamesTheKeys() {
    HttpConfig.Limits many =
        new HttpConfig.Limits(
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 5000);
    assertThatThrownBy(() -> MemoryBudget.check(config(many), POD_HEAP))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.maxConnections")
        .hasMessageContaining("ingest.maxBodyBytes")
        .hasMessageContaining("ingest.idempotency.maxBytes")
        .hasMessageContaining("MaxRAMPercentage");
  }

  static ExporterConfig config(HttpConfig.Limits limits) {
    return new ExporterConfig(
        new HttpConfig("127.0.0.1", 0, limits), null, List.of(), Duration.ofSeconds(1));
  }
}
