package dev.nexconn.exporter.event;

import java.util.Locale;

/**
 * The phases of one connect attempt, in order: resolve the host, open TCP, the TLS handshake, the
 * WebSocket upgrade, and the protocol handshake up to the {@code connack}. The value of the {@code
 * phase} label.
 */
public enum ConnectPhase {
  DNS,
  TCP,
  TLS,
  WS_UPGRADE,
  CONNACK;

  private final String label = name().toLowerCase(Locale.ROOT);

  /**
   * The label value: {@code dns}, {@code tcp}, {@code tls}, {@code ws_upgrade}, {@code connack}.
   */
  public String label() {
    return label;
  }
}
