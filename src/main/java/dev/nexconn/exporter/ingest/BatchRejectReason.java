package dev.nexconn.exporter.ingest;

import java.util.Locale;

/** Why a whole request was refused; the {@code reason} label of rejected batches. */
public enum BatchRejectReason {
  /** No {@code Authorization: Bearer} key, an unknown key, or a wrong webhook secret (401). */
  UNAUTHORIZED,
  /** The key sent batches faster than its rate limit (429). */
  RATE_LIMITED,
  /** The body is larger than {@code ingest.maxBodyBytes} (413). */
  TOO_LARGE,
  /** The {@code Content-Type} is not JSON (415). */
  UNSUPPORTED_MEDIA_TYPE,
  /** The body is not JSON (400). */
  MALFORMED,
  /** The batch envelope failed validation (400). */
  INVALID,
  /** The sidecar could not write the batch id ahead to its data volume (503). */
  UNAVAILABLE;

  /** The label value, e.g. {@code rate_limited}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
