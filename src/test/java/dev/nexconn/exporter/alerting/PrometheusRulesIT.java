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
  /**
   * 6 twins of the sidecar's rules, 7 about the exporter itself, 4 burn-rate conditions of the
   * probe availability SLO.
   */
  static final int ALERT_RULES = 17;

  @Test
  void rulesFilesPassPromtoolCheck() throws Exception {
    assertThat(promtool("check", "rules", PrometheusRulesSyncTest.RULES.toString()))
        .contains("SUCCESS: " + ALERT_RULES + " rules found");
    assertThat(promtool("check", "rules", PrometheusRulesSyncTest.RECORDING_RULES.toString()))
        .contains("SUCCESS: " + recordingRules() + " rules found");
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
      assertThat(promtool("check", "rules", tmp.toString()))
          // The sidecar twins and exporter alerts (ALERT_RULES), 4 upstream alerts
          // (nexconn-upstream-alerts.rules.yml: 2 certificate, 2 message), the recording rules.
          .contains("SUCCESS: " + (ALERT_RULES + 4 + recordingRules()) + " rules found");
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    List<Path> files = PrometheusRulesSyncTest.ruleTestFiles();
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .contains(
            "nexconn-alerts.test.yml",
            "nexconn-recording.test.yml",
            "nexconn-restarts.test.yml",
            "nexconn-exporter.test.yml",
            "nexconn-slo.test.yml");
    for (Path file : files) {
      assertThat(promtool("test", "rules", file.toString()))
          .as(file.toString())
          .contains("SUCCESS");
    }
  }

  private static int recordingRules() throws IOException {
    int n = 0;
    for (String line : Files.readAllLines(PrometheusRulesSyncTest.RECORDING_RULES)) {
      n += line.strip().startsWith("- record: ") ? 1 : 0;
    }
    assertThat(n).as("recording rules").isGreaterThanOrEqualTo(5);
    return n;
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
