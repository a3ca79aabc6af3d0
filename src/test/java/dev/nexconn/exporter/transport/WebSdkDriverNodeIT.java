package dev.nexconn.exporter.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ToolProcess;
import dev.nexconn.exporter.support.WebSdkDriverFixture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the driver's own Node tests ({@code drivers/web-sdk/test}, node:test) inside a loopback-only
 * network namespace: navigation failures through the real vendor SDK, the event mapping, worker
 * crash and hang, and the refusal count of every non-loopback attempt.
 */
class WebSdkDriverNodeIT {
  @Test
  void theDriversNodeTestsPassInALoopbackOnlyNamespace() throws Exception {
    WebSdkDriverFixture.install();
    ToolProcess.Run run =
        ToolProcess.require("unshare", "util-linux")
            .run(
                300,
                "-n",
                "sh",
                "-c",
                "ip link set lo up && cd \"$0\" && exec node --test test/*.test.js",
                WebSdkDriverFixture.DRIVER_DIR.toString());
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(count(run.stdout(), "fail")).as(run.stdout()).isZero();
    assertThat(count(run.stdout(), "pass")).as(run.stdout()).isGreaterThanOrEqualTo(25);
  }

  private static int count(String tap, String what) {
    Matcher m = Pattern.compile("^# " + what + " (\\d+)$", Pattern.MULTILINE).matcher(tap);
    if (!m.find()) {
      throw new AssertionError("no '# " + what + "' line in the node:test output:\n" + tap);
    }
    return Integer.parseInt(m.group(1));
  }
}
