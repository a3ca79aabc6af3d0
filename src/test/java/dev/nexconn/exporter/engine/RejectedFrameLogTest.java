package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.logging.LogfmtLayout;
import dev.nexconn.exporter.support.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 16: a flood of bad frames is one line per reason per minute, with what was held back. */
class RejectedFrameLogTest {
  private final ManualClock clock = new ManualClock();
  private final List<String> lines = new ArrayList<>();
  private final RejectedFrameLog log = new RejectedFrameLog(clock, pairs -> lines.add(line(pairs)));

  private static String line(Map<String, Object> pairs) {
    return pairs.entrySet().stream()
        .map(p -> LogfmtLayout.pair(p.getKey(), p.getValue()))
        .collect(Collectors.joining(" "));
  }

  @Test
  void oneLinePerReasonPerMinuteNamingWhatWasWrongAndWhatTheProbeDid() {
    for (int i = 0; i < 5; i++) {
      log.report(FrameRejectReason.NOT_JSON, "g/p" + i, "g", "frame is not a JSON object");
    }
    log.report(FrameRejectReason.NOT_NEGOTIATED, "g/p1", "g", "a 'deliver' frame: dropped");
    assertThat(lines)
        .containsExactly(
            "event=upstream_frame_rejected reason=not_json probe=g/p0 group=g"
                + " action=closed_and_reconnecting suppressed=0 total=1"
                + " detail=\"frame is not a JSON object\"",
            "event=upstream_frame_rejected reason=not_negotiated probe=g/p1 group=g"
                + " action=dropped suppressed=0 total=1 detail=\"a 'deliver' frame: dropped\"");

    clock.advance(Duration.ofSeconds(59));
    log.report(FrameRejectReason.NOT_JSON, "g/p5", "g", "frame is not a JSON object");
    assertThat(lines).hasSize(2);
    clock.advance(Duration.ofSeconds(1));
    log.report(FrameRejectReason.NOT_JSON, "g/p6", "g", "frame is not a JSON object");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2))
        .startsWith("event=upstream_frame_rejected reason=not_json probe=g/p6")
        .contains("suppressed=5 total=7");
  }
}
