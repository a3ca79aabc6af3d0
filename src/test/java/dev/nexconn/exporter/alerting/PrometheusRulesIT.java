package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the real {@code promtool} on the shipped rules: {@code check rules} and the unit tests in
 * {@code prometheus/tests/}. With {@code CI=true} a missing promtool fails the test; elsewhere it
 * skips.
 */
class PrometheusRulesIT {
  static final Path PROMTOOL = Path.of(System.getProperty("promtool", "/usr/bin/promtool"));

  @Test
  void rulesFilePassesPromtoolCheck() throws Exception {
    String out = promtool("check", "rules", PrometheusRulesSyncTest.RULES.toString());

    assertThat(out).contains("SUCCESS: 6 rules found");
  }

  @Test
  void prometheusRuleObjectsGroupsPassPromtoolCheck() throws Exception {
    // promtool reads plain rule files; strip the object down to its spec to check it the same way.
    Path tmp = Files.createTempFile("prometheusrule-spec", ".yml");
    try {
      List<String> spec = new ArrayList<>();
      boolean inSpec = false;
      for (String line : Files.readAllLines(PrometheusRulesSyncTest.PROMETHEUS_RULE)) {
        if (line.equals("spec:")) {
          inSpec = true;
        } else if (inSpec) {
          spec.add(line.startsWith("  ") ? line.substring(2) : line);
        }
      }
      Files.write(tmp, spec, StandardCharsets.UTF_8);
      assertThat(promtool("check", "rules", tmp.toString())).contains("SUCCESS: 6 rules found");
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    String out = promtool("test", "rules", PrometheusRulesSyncTest.RULE_TESTS.toString());

    assertThat(out).contains("SUCCESS");
  }

  private static String promtool(String... args) throws IOException, InterruptedException {
    if (!Files.isExecutable(PROMTOOL)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "promtool not found at "
                + PROMTOOL
                + ": install the Debian package 'prometheus' (it ships /usr/bin/promtool) or"
                + " pass -Dpromtool=/path/to/promtool");
      }
      assumeThat(Files.isExecutable(PROMTOOL)).as("promtool at " + PROMTOOL).isTrue();
    }
    List<String> command = new ArrayList<>();
    command.add(PROMTOOL.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args) + " took over 60 s:\n" + out);
    }
    assertThat(p.exitValue())
        .as("promtool " + String.join(" ", args) + " output:\n" + out)
        .isZero();
    return out;
  }
}
