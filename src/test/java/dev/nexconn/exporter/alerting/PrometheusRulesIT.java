package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ToolProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the real {@code promtool} on the shipped rules: {@code check rules} and the unit tests in
 * {@code prometheus/tests/}. A missing promtool fails the test, naming the Debian package.
 */
class PrometheusRulesIT {
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
    ToolProcess.Run run = ToolProcess.require("promtool", "prometheus").run(60, args);
    String out = run.stdout() + run.stderr();
    assertThat(run.exitCode())
        .as("promtool " + String.join(" ", args) + " output:\n" + out)
        .isZero();
    return out;
  }
}
