package dev.nexconn.exporter.emulator;

import java.util.Locale;

/**
 * Connection statuses a virtual app reports, with the code each platform's SDK uses: iOS numbers
 * are the seed's, Android numbers are Android's {@code ConnectionStatus} enum, the web reports the
 * status name. The emulator keeps its own copy because it must not import the event package.
 */
enum VirtualAppStatus {
  CONNECTED(0, 0),
  CONNECTING(10, 1),
  NETWORK_UNAVAILABLE(1, -1),
  SUSPEND(13, 13),
  KICKED_OFFLINE_BY_OTHER_CLIENT(6, 3),
  TOKEN_INCORRECT(15, 4),
  DISCONN_EXCEPTION(16, 6),
  PROXY_UNAVAILABLE(17, 17),
  USER_ABANDON(19, 19),
  SIGN_OUT(12, 12);

  private final int ios;
  private final int android;

  VirtualAppStatus(int ios, int android) {
    this.ios = ios;
    this.android = android;
  }

  /** The {@code status} value a report from this platform carries. */
  Object wireValue(String platform) {
    switch (platform) {
      case "ios":
        return ios;
      case "android":
        return android;
      default:
        return label();
    }
  }

  /** The lower-case name, e.g. {@code kicked_offline_by_other_client}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
