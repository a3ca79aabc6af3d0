package dev.nexconn.exporter.event;

import java.util.Locale;

/**
 * Why a connect attempt failed, each in its {@link ConnectPhase}: a closed set, the value of the
 * {@code reason} label. The SDK status and code of the failure stay what {@link SdkErrorCode} says;
 * this is the extra detail of where the attempt stopped.
 */
public enum ConnectFailureReason {
  /** The host name does not resolve. */
  DNS_NXDOMAIN(ConnectPhase.DNS),
  /** No DNS answer within the open deadline. */
  DNS_TIMEOUT(ConnectPhase.DNS),
  /** Nothing listens on the port (TCP RST). */
  TCP_REFUSED(ConnectPhase.TCP),
  /** No TCP answer within the open deadline (SYN dropped, a black hole). */
  TCP_TIMEOUT(ConnectPhase.TCP),
  /** Another TCP error (reset, unreachable network). */
  TCP_RESET(ConnectPhase.TCP),
  /** The configured proxy refused or failed the tunnel. */
  PROXY_FAILED(ConnectPhase.TCP),
  /** The server's certificate chain is not trusted (self-signed, unknown CA). */
  TLS_UNTRUSTED(ConnectPhase.TLS),
  /** A certificate of the chain has expired. */
  TLS_EXPIRED(ConnectPhase.TLS),
  /** The certificate does not name the upstream host. */
  TLS_HOSTNAME(ConnectPhase.TLS),
  /** Another TLS handshake failure (protocol, cipher, closed during the handshake). */
  TLS_HANDSHAKE(ConnectPhase.TLS),
  /** No TLS handshake within the open deadline. */
  TLS_TIMEOUT(ConnectPhase.TLS),
  /** The upgrade was answered with an HTTP status other than 101 (e.g. 502 from a proxy). */
  WS_UPGRADE_STATUS(ConnectPhase.WS_UPGRADE),
  /** No upgrade answer within the open deadline. */
  WS_UPGRADE_TIMEOUT(ConnectPhase.WS_UPGRADE),
  /** The socket closed during the upgrade. */
  WS_UPGRADE_CLOSED(ConnectPhase.WS_UPGRADE),
  /** No {@code connack} within {@code upstream.connAckTimeout}. */
  CONNACK_TIMEOUT(ConnectPhase.CONNACK),
  /** The {@code connack} refused the connect with a code. */
  CONNACK_CODE(ConnectPhase.CONNACK),
  /** The socket closed before the {@code connack}. */
  CONNACK_CLOSED(ConnectPhase.CONNACK);

  private final ConnectPhase phase;
  private final String label = name().toLowerCase(Locale.ROOT);

  ConnectFailureReason(ConnectPhase phase) {
    this.phase = phase;
  }

  /** The phase the attempt failed in. */
  public ConnectPhase phase() {
    return phase;
  }

  /** The label value, e.g. {@code tcp_refused}. */
  public String label() {
    return label;
  }
}
