package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.AppMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of {@code AppMemoryBench}: an empty sidecar and one with 20 probes. */
class AppMemoryIT {
  @Test
  void heapRssAndNativeCategoriesAreMeasured(@TempDir Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("nexconn.jar"));
    // The shipped pod's heap (320Mi x 60%): a smaller one fails the start-time memory budget.
    List<String> jvm = List.of("-Xmx192m");
    AppMemory.Sample zero = AppMemory.measure(dir, jar, 0, Duration.ofMillis(500), jvm);
    AppMemory.Sample twenty = AppMemory.measure(dir, jar, 20, Duration.ofSeconds(1), jvm);
    System.out.println("app-memory smoke: " + AppMemory.line(zero, twenty));
    assertThat(twenty.heapUsed()).isPositive();
    assertThat(twenty.rss()).isGreaterThan(twenty.heapUsed());
    assertThat(twenty.nmt()).containsKeys("Total", "Java Heap", "Thread");
    assertThat(twenty.classes()).containsKeys("[B", "java.lang.String");
    assertThat(AppMemory.classesLine(zero, twenty, 5))
        .matches("BENCH app-memory-classes probes=20( \\S+=-?\\d+){5}");
  }
}
