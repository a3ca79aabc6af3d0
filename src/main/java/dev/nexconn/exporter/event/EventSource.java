package dev.nexconn.exporter.event;

import java.util.Locale;
import java.util.Optional;

/** Where a {@link ConnectionEvent} came from; the value of the {@code source} label. */
public enum EventSource {
  /** A monitored connection kept open by the sidecar's engine. */
  PROBE,
  /** A status report posted by a real client app. */
  SDK,
  /** A presence webhook posted by the Nexconn server. */
  WEBHOOK;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The metric label value: {@code probe}, {@code sdk} or {@code webhook}. */
  public String label() {
    return label;
  }

  /** The source with this label ({@code probe}, {@code sdk}, {@code webhook}), exact case. */
  public static Optional<EventSource> fromLabel(String raw) {
    for (EventSource s : values()) {
      if (s.label.equals(raw)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
