package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectFailureReason;
import dev.nexconn.exporter.event.ConnectPhase;
import dev.nexconn.exporter.transport.ConnectTrace;
import dev.nexconn.exporter.transport.OpenFailure;
import dev.nexconn.exporter.transport.OpenPhase;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns the transport's view of an open ({@link ConnectTrace}, {@link OpenFailure}) into the event
 * vocabulary ({@link ConnectPhase}, {@link ConnectFailureReason}). The two enums share their names
 * on purpose (the transport may not import {@code event}); {@code ConnectTracesTest} keeps every
 * transport value mapped.
 */
final class ConnectTraces {
  private ConnectTraces() {}

  /** The completed phases of {@code trace} (none when null), plus the connack phase if given. */
  static Map<ConnectPhase, Duration> phases(ConnectTrace trace, Duration connack) {
    Map<ConnectPhase, Duration> out = new EnumMap<>(ConnectPhase.class);
    if (trace != null) {
      for (OpenPhase p : OpenPhase.values()) {
        Duration took = trace.took(p);
        if (took != null) {
          out.put(phase(p), took);
        }
      }
    }
    if (connack != null) {
      out.put(ConnectPhase.CONNACK, connack);
    }
    return out;
  }

  static ConnectPhase phase(OpenPhase p) {
    return ConnectPhase.valueOf(p.name());
  }

  static ConnectFailureReason reason(OpenFailure f) {
    return ConnectFailureReason.valueOf(f.name());
  }
}
