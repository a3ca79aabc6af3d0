package dev.nexconn.exporter.transport;

/**
 * The upstream, or the proxy in front of it, could not be reached. A transport that knows where the
 * open failed says so in {@link #failure()} and {@link #trace()}.
 */
public final class UpstreamUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean viaProxy;
  private final transient OpenFailure failure;
  private final transient ConnectTrace trace;

  public UpstreamUnreachableException(String message, boolean viaProxy, Throwable cause) {
    this(message, viaProxy, cause, null, null);
  }

  /**
   * @param failure the phase and reason, {@code null} when unknown
   * @param trace the phases that completed before the failure, {@code null} when unknown
   */
  public UpstreamUnreachableException(
      String message, boolean viaProxy, Throwable cause, OpenFailure failure, ConnectTrace trace) {
    super(message, cause);
    this.viaProxy = viaProxy;
    this.failure = failure;
    this.trace = trace;
  }

  /** True when the failure happened at the configured proxy. */
  public boolean viaProxy() {
    return viaProxy;
  }

  /** Where and why the open failed; {@code null} when the transport cannot tell. */
  public OpenFailure failure() {
    return failure;
  }

  /** The phases that completed before the failure; {@code null} when the transport cannot tell. */
  public ConnectTrace trace() {
    return trace;
  }
}
