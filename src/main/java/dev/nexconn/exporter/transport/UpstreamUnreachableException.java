package dev.nexconn.exporter.transport;

/** The upstream, or the proxy in front of it, could not be reached. */
public final class UpstreamUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean viaProxy;

  public UpstreamUnreachableException(String message, boolean viaProxy, Throwable cause) {
    super(message, cause);
    this.viaProxy = viaProxy;
  }

  /** True when the failure happened at the configured proxy. */
  public boolean viaProxy() {
    return viaProxy;
  }
}
