package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmulatorCommandTest {
  @Test
  void anUnknownScenarioExitsWith2NamingTheBuiltIns() {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = new CommandLine(new Main()).execute("emulator", "--scenario", "no-such-thing");
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("scenario 'no-such-thing' is neither a built-in")
        .contains("token-expiry-wave");
  }

  @Test
  void helpListsTheBuiltInScenarios() {
    String usage = new CommandLine(new Main()).getSubcommands().get("emulator").getUsageMessage();
    assertThat(usage).contains("--scenario").contains("kick-storm").contains("--admin-port");
  }
}
