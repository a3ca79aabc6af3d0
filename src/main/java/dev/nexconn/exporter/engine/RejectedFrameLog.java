package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.FrameRejectReason;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning line per {@link FrameRejectReason}, at most once per {@link #INTERVAL}, with the
 * probe and group of the frame that caused it, what was wrong, what the probe did, the lines held
 * back since the previous one and the engine's total for that reason. A hostile or broken upstream
 * can send a bad frame on every socket it accepts; the count is on {@code
 * nexconn_upstream_frames_rejected_total}, the log only says what it was. The detail comes from
 * {@code FrameCodecException}, whose messages never quote a frame's values (a frame can carry a
 * token).
 */
final class RejectedFrameLog {
  static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(RejectedFrameLog.class);

  private final LogThrottle<FrameRejectReason> throttle;
  private final Consumer<Map<String, Object>> sink;

  RejectedFrameLog(Clock clock) {
    this(clock, LogThrottle.warnTo(LOG));
  }

  RejectedFrameLog(Clock clock, Consumer<Map<String, Object>> sink) {
    this.throttle = new LogThrottle<>(clock, INTERVAL, new EnumMap<>(FrameRejectReason.class));
    this.sink = sink;
  }

  /** Logs the rejection unless one of the same reason was logged less than a minute ago. */
  void report(FrameRejectReason reason, String probe, String group, String detail) {
    LogThrottle.Pass pass = throttle.admit(reason);
    if (pass == null) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "upstream_frame_rejected");
    line.put("reason", reason.label());
    line.put("probe", probe);
    line.put("group", group);
    line.put("action", reason.closesLink() ? "closed_and_reconnecting" : "dropped");
    line.put("suppressed", pass.suppressed());
    line.put("total", pass.total());
    line.put("detail", detail);
    sink.accept(line);
  }
}
