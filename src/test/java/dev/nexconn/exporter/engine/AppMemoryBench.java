package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.AppMemory;
import dev.nexconn.exporter.support.PodLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap and RSS per idle probe through the whole app (docs/benchmarks.md, "Memory per probe"): the
 * jar with every sink subscribed and its probes on the emulator (each in its own process), for 0,
 * 1,000, 5,000 and 19,000 probes, with the JVM's native memory account per category. {@code
 * -Dbench.memory.probes=0,1000,5000,19000}, {@code -Dbench.memory.jvm="-Xmx192m ..."} (the
 * sidecar's JVM options, default the pod's as shipped: the Deployment's limits and the Dockerfile's
 * flags, {@link PodLimits#shipped()}). Run with {@code mvn -B verify -Pbench
 * -Dit.test=AppMemoryBench}.
 */
class AppMemoryBench {
  @Test
  void heapAndRssPerIdleProbe(@TempDir Path dir) throws Exception {
    int[] sizes =
        Arrays.stream(System.getProperty("bench.memory.probes", "0,1000,5000,19000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    String flags = System.getProperty("bench.memory.jvm", "");
    List<String> jvm =
        flags.isBlank()
            ? PodLimits.shipped().jvmOptions()
            : Arrays.asList(flags.trim().split("\\s+"));
    Path jar = Path.of(System.getProperty("nexconn.jar"));
    List<AppMemory.Sample> samples = new ArrayList<>();
    for (int n : sizes) {
      samples.add(AppMemory.measure(dir, jar, n, Duration.ofSeconds(15), jvm));
    }
    AppMemory.Sample zero = samples.get(0);
    System.out.printf(
        "BENCH app-memory jvm=%s probes=0 heap_used=%d rss=%d nmt_total=%d%n",
        String.join(" ", jvm), zero.heapUsed(), zero.rss(), zero.nmt().getOrDefault("Total", 0L));
    for (AppMemory.Sample s : samples.subList(1, samples.size())) {
      System.out.println(AppMemory.line(zero, s));
      System.out.println(AppMemory.classesLine(zero, s, 25));
    }
    AppMemory.Sample first = samples.get(1);
    AppMemory.Sample last = samples.get(samples.size() - 1);
    System.out.printf(
        "BENCH app-memory slope probes=%d..%d heap_per_probe=%.0f rss_per_probe=%.0f%n",
        first.probes(),
        last.probes(),
        AppMemory.perProbe(first.heapUsed(), last.heapUsed(), first.probes(), last.probes()),
        AppMemory.perProbe(first.rss(), last.rss(), first.probes(), last.probes()));
    assertThat(samples).allSatisfy(s -> assertThat(s.rss()).isPositive());
  }
}
