package dev.nexconn.exporter.transport;

/**
 * The steps of opening an upstream socket, in order. A {@code ws://} upstream given as an IP
 * literal skips {@link #DNS}, and {@code ws://} has no {@link #TLS}; through a proxy the proxy
 * resolves the host, so {@link #TCP} covers the TCP connect and the proxy's tunnel.
 */
public enum OpenPhase {
  /** Resolving the upstream host name. */
  DNS,
  /** TCP connect (and the proxy tunnel, when a proxy is configured). */
  TCP,
  /** The TLS handshake of {@code wss://}. */
  TLS,
  /** The HTTP upgrade to WebSocket. */
  WS_UPGRADE
}
