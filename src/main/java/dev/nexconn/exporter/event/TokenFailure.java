package dev.nexconn.exporter.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A token was refused or could not be obtained.
 *
 * @param reason why: the {@code reason} label of {@code nexconn_token_failures_total}
 */
public record TokenFailure(EventSource source, Instant at, Dimensions dimensions, Reason reason)
    implements ConnectionEvent {
  public TokenFailure {
    Objects.requireNonNull(reason, "reason");
  }

  /** Why a token failed; the label is the lower-case name, e.g. {@code fetch_failed}. */
  public enum Reason {
    /** The upstream refused the token (31004, or any {@code token_incorrect} without 31020). */
    INCORRECT,
    /** The upstream said the token expired (31020). */
    EXPIRED,
    /** The token provider could not supply a token (probes only). */
    FETCH_FAILED,
    /** The refresh guard was used up (probes only). */
    REFRESH_EXHAUSTED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The metric label value. */
    public String label() {
      return label;
    }

    /**
     * The reason a status with {@code errorCode} counts as: {@link #EXPIRED} for 31020, {@link
     * #INCORRECT} for any other change to {@code token_incorrect}, none otherwise.
     */
    public static Optional<Reason> of(ConnectionStatus status, int errorCode) {
      if (errorCode == SdkErrorCode.TOKEN_EXPIRED.code()) {
        return Optional.of(EXPIRED);
      }
      return status == ConnectionStatus.TOKEN_INCORRECT ? Optional.of(INCORRECT) : Optional.empty();
    }
  }
}
