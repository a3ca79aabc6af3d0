package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.MicroBenchmarks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH microbenchmarks of the hot paths ({@code HotPathBenchmarks}), one fork, 5 warm-up and 5
 * measurement iterations of 1 s. Run with {@code mvn -B verify -Pbench -Dit.test=MicroBench}.
 */
class MicroBench {
  @Test
  void frameCodecAndMetricsSink() throws Exception {
    List<String> lines = MicroBenchmarks.run(1, 5, TimeValue.seconds(1));
    lines.forEach(System.out::println);
    assertThat(lines).hasSize(15);
  }
}
