package dev.nexconn.exporter.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link HotPathBenchmarks} through the JMH runner API and returns one line per method. */
public final class MicroBenchmarks {
  private MicroBenchmarks() {}

  /**
   * @param forks JMH forks (0 runs in this JVM: fast but less trustworthy, for smoke runs)
   * @param iterations warm-up and measurement iterations each
   * @param iterationTime length of one iteration
   */
  public static List<String> run(int forks, int iterations, TimeValue iterationTime)
      throws Exception {
    Options options =
        new OptionsBuilder()
            .include(HotPathBenchmarks.class.getName())
            .forks(forks)
            .warmupIterations(forks == 0 ? 0 : iterations)
            .warmupTime(iterationTime)
            .measurementIterations(iterations)
            .measurementTime(iterationTime)
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    List<String> lines = new ArrayList<>();
    for (RunResult r : results) {
      lines.add(
          String.format(
              "BENCH jmh %s %.1f ± %.1f %s",
              r.getParams().getBenchmark().replace(HotPathBenchmarks.class.getName() + ".", ""),
              r.getPrimaryResult().getScore(),
              Double.isNaN(r.getPrimaryResult().getScoreError())
                  ? 0.0
                  : r.getPrimaryResult().getScoreError(),
              r.getPrimaryResult().getScoreUnit()));
    }
    return lines;
  }
}
