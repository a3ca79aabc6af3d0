package dev.nexconn.exporter.event;

import java.util.Locale;

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
}
