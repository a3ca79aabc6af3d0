package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.GrafanaDashboards;
import dev.nexconn.exporter.support.ToolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression in every dashboard, with Grafana's variables expanded, is accepted by
 * Prometheus's own parser ({@code promtool check rules} on recording rules made from them).
 */
class DashboardPromqlIT {
  @Test
  void everyDashboardExpressionParses(@TempDir Path dir) throws Exception {
    ToolProcess promtool = ToolProcess.require("promtool", "prometheus");
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
    int n = 0;
    for (Path file : GrafanaDashboards.files()) {
      List<String> exprs = GrafanaDashboards.expressions(GrafanaDashboards.read(file));
      for (String expr : exprs) {
        String quoted = GrafanaDashboards.expand(expr).replace("'", "''");
        rules.append("      - record: dashboard_expr_").append(n++).append('\n');
        rules.append("        expr: '").append(quoted).append("'\n");
      }
    }
    assertThat(n).isGreaterThan(20);
    Path file = dir.resolve("dashboard-exprs.yml");
    Files.writeString(file, rules);
    ToolProcess.Run run = promtool.run(60, "check", "rules", file.toString());
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("SUCCESS: " + n + " rules found");
  }
}
