package dev.nexconn.exporter.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A new token was requested after {@code token_incorrect}.
 *
 * @param outcome whether it came: the {@code outcome} label of {@code
 *     nexconn_token_refreshes_total}
 */
public record TokenRefresh(EventSource source, Instant at, Dimensions dimensions, Outcome outcome)
    implements ConnectionEvent {
  public TokenRefresh {
    Objects.requireNonNull(outcome, "outcome");
  }

  /** The outcome of one refresh; the label is {@code success} or {@code failure}. */
  public enum Outcome {
    SUCCESS,
    FAILURE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The metric label and wire value. */
    public String label() {
      return label;
    }

    /** {@link #SUCCESS} for true. */
    public static Outcome of(boolean success) {
      return success ? SUCCESS : FAILURE;
    }

    /** The outcome with this wire value ({@code success}, {@code failure}), exact case. */
    public static Optional<Outcome> fromLabel(String raw) {
      for (Outcome o : values()) {
        if (o.label.equals(raw)) {
          return Optional.of(o);
        }
      }
      return Optional.empty();
    }
  }
}
