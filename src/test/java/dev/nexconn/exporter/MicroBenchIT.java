package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.MicroBenchmarks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A smoke run of the JMH microbenchmarks (in this JVM, one 100 ms iteration each); the real
 * measurement is {@code MicroBench} in the {@code bench} profile.
 */
class MicroBenchIT {
  @Test
  void everyMicrobenchmarkProducesAScore() throws Exception {
    List<String> lines = MicroBenchmarks.run(0, 1, TimeValue.milliseconds(100));
    lines.forEach(l -> System.out.println("jmh smoke: " + l));
    assertThat(lines).hasSize(15).allSatisfy(l -> assertThat(l).contains("ns/op"));
  }
}
