package dev.nexconn.exporter.transport;

import java.time.Duration;

/**
 * How long each phase of one open took; a phase that did not run (no DNS for an IP literal, no TLS
 * for {@code ws://}, the phases after a failure) is {@code null}.
 *
 * @param dns host name resolution
 * @param tcp TCP connect (with the proxy tunnel, when a proxy is configured)
 * @param tls the TLS handshake
 * @param wsUpgrade the HTTP upgrade to WebSocket
 * @param tlsExpiry the presented certificates' expiry, {@code null} without TLS
 */
public record ConnectTrace(
    Duration dns, Duration tcp, Duration tls, Duration wsUpgrade, TlsExpiry tlsExpiry) {

  /** The duration of {@code phase}, {@code null} when it did not complete. */
  public Duration took(OpenPhase phase) {
    return switch (phase) {
      case DNS -> dns;
      case TCP -> tcp;
      case TLS -> tls;
      case WS_UPGRADE -> wsUpgrade;
    };
  }
}
