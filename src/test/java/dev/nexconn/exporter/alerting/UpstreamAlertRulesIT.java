package dev.nexconn.exporter.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ToolProcess;
import org.junit.jupiter.api.Test;

/**
 * The real {@code promtool} on {@code prometheus/nexconn-upstream-alerts.rules.yml}: the
 * certificate expiry alerts at 14 and 3 days, message delivery and the round-trip latency SLO, each
 * firing in one case and silent in the others of {@code
 * prometheus/tests/nexconn-upstream-alerts.test.yml}.
 */
class UpstreamAlertRulesIT {
  @Test
  void theUpstreamAlertsPassPromtoolCheckAndTheirUnitTests() throws Exception {
    assertThat(promtool("check", "rules", "prometheus/nexconn-upstream-alerts.rules.yml"))
        .contains("SUCCESS: 4 rules found"); // 2 certificate, 2 message alerts
    assertThat(promtool("test", "rules", "prometheus/tests/nexconn-upstream-alerts.test.yml"))
        .contains("SUCCESS");
  }

  private static String promtool(String... args) throws Exception {
    ToolProcess.Run run = ToolProcess.require("promtool", "prometheus").run(120, args);
    String out = run.stdout() + run.stderr();
    assertThat(run.exitCode()).as("promtool " + String.join(" ", args) + "\n" + out).isZero();
    return out;
  }
}
