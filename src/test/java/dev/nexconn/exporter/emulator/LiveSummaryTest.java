package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSummaryTest {
  @Test
  void onATerminalTheLineIsRewrittenInPlaceWithTheEventRate() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LiveSummary summary =
        new LiveSummary(true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Map<VirtualAppStatus, Integer> fleet =
        Map.of(VirtualAppStatus.CONNECTED, 1890, VirtualAppStatus.DISCONN_EXCEPTION, 96);
    summary.print("ban-spike", 30, 120, "ban 5% for 1m", 2, fleet, 1000, 0, 10, 10_000);
    String line =
        summary.print("ban-spike", 35, 120, "ban 5% for 1m", 2, fleet, 2060, 0, 12, 15_000);
    assertThat(line)
        .isEqualTo(
            "[ban-spike 35s/120s] now: ban 5% for 1m | probes online 2 | fleet connected=1890"
                + " disconn_exception=96 | sdk 212 ev/s, reports failed 0 | webhooks sent 12");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\r\033[2K[ban-spike 30s/120s]").endsWith(line).doesNotContain("\n");
  }

  @Test
  void offATerminalNothingIsWrittenToTheStream() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LiveSummary summary =
        new LiveSummary(false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    summary.print("steady", 5, 90, "steady", 0, Map.of(), 0, 0, 0, 5_000);
    summary.newLine();
    assertThat(bytes.size()).isZero();
  }
}
