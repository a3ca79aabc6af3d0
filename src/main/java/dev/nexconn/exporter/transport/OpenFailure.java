package dev.nexconn.exporter.transport;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.proxy.ProxyConnectException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.Locale;

/**
 * Why an open failed, in the phase it failed in: a closed set, so that it can be a metric label.
 * {@link #classify} reads the exception chain the JDK and Netty give for each case.
 */
public enum OpenFailure {
  DNS_NXDOMAIN(OpenPhase.DNS),
  DNS_TIMEOUT(OpenPhase.DNS),
  TCP_REFUSED(OpenPhase.TCP),
  TCP_TIMEOUT(OpenPhase.TCP),
  TCP_RESET(OpenPhase.TCP),
  PROXY_FAILED(OpenPhase.TCP),
  TLS_UNTRUSTED(OpenPhase.TLS),
  TLS_EXPIRED(OpenPhase.TLS),
  TLS_HOSTNAME(OpenPhase.TLS),
  TLS_HANDSHAKE(OpenPhase.TLS),
  TLS_TIMEOUT(OpenPhase.TLS),
  WS_UPGRADE_STATUS(OpenPhase.WS_UPGRADE),
  WS_UPGRADE_TIMEOUT(OpenPhase.WS_UPGRADE),
  WS_UPGRADE_CLOSED(OpenPhase.WS_UPGRADE);

  private final OpenPhase phase;

  OpenFailure(OpenPhase phase) {
    this.phase = phase;
  }

  /** The phase this failure belongs to. */
  public OpenPhase phase() {
    return phase;
  }

  /** The label value, e.g. {@code tcp_refused}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The open ran out of time in {@code phase}. */
  static OpenFailure timeout(OpenPhase phase) {
    return switch (phase) {
      case DNS -> DNS_TIMEOUT;
      case TCP -> TCP_TIMEOUT;
      case TLS -> TLS_TIMEOUT;
      case WS_UPGRADE -> WS_UPGRADE_TIMEOUT;
    };
  }

  /**
   * The failure that {@code cause} means in {@code phase}; {@code null} cause: the peer closed the
   * socket.
   */
  static OpenFailure classify(OpenPhase phase, Throwable cause) {
    if (has(cause, ProxyConnectException.class)) {
      return PROXY_FAILED;
    }
    return switch (phase) {
      case DNS -> timedOut(cause) ? DNS_TIMEOUT : DNS_NXDOMAIN;
      case TCP -> {
        if (has(cause, ConnectTimeoutException.class)) {
          yield TCP_TIMEOUT;
        }
        yield has(cause, ConnectException.class) ? TCP_REFUSED : TCP_RESET;
      }
      case TLS -> tls(cause);
      case WS_UPGRADE ->
          has(cause, WebSocketClientHandshakeException.class)
              ? WS_UPGRADE_STATUS
              : WS_UPGRADE_CLOSED;
    };
  }

  private static OpenFailure tls(Throwable cause) {
    if (has(cause, CertificateExpiredException.class)) {
      return TLS_EXPIRED;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      // The JDK's endpoint identification says so in a CertificateException of its own.
      if (t instanceof CertificateException
          && (m.contains("subject alternative") || m.contains("no name matching"))) {
        return TLS_HOSTNAME;
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException
          || t.getClass().getName().endsWith("ValidatorException")
          || t.getClass().getName().endsWith("SunCertPathBuilderException")) {
        return TLS_UNTRUSTED;
      }
    }
    return TLS_HANDSHAKE;
  }

  private static boolean timedOut(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(Throwable cause, Class<? extends Throwable> type) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code cause} is a name that does not resolve. */
  static boolean unknownHost(Throwable cause) {
    return has(cause, UnknownHostException.class);
  }
}
