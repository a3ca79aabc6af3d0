package dev.nexconn.exporter.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSdkDriverOptionsTest {
  private final WebSdkDriverOptions defaults =
      WebSdkDriverOptions.defaults(
          Path.of("/usr/bin/node"), Path.of("/opt/web-sdk"), "key", List.of("https://navi.test"));

  @Test
  void theCommandLineIsLoopbackOnlyWithTheDocumentedProbeLimitByDefault() {
    assertThat(defaults.command())
        .containsExactly("/usr/bin/node", "/opt/web-sdk/driver.js", "--max-probes=20");
  }

  @Test
  void launcherWordsComeFirstAndExtraArgumentsLast() {
    assertThat(defaults.withLaunch(List.of("unshare", "-n"), List.of("--test-commands")).command())
        .containsExactly(
            "unshare",
            "-n",
            "/usr/bin/node",
            "/opt/web-sdk/driver.js",
            "--max-probes=20",
            "--test-commands");
  }

  @Test
  void aBlankAppKeyOrAZeroProbeLimitIsRefusedWithTheReason() {
    assertThatThrownBy(
            () -> WebSdkDriverOptions.defaults(Path.of("node"), Path.of("."), " ", List.of()))
        .hasMessageContaining("App Key");
    assertThatThrownBy(() -> defaults.withMaxProbes(0))
        .hasMessageContaining("maxProbes must be >= 1");
  }
}
