package dev.nexconn.exporter.emulator;

/** The {@code status} of a {@code user:connection_status} webhook item, with its wire value. */
enum PresenceStatus {
  CONNECTED("0"),
  DISCONNECTED("1"),
  LOGGED_OUT("2");

  private final String wire;

  PresenceStatus(String wire) {
    this.wire = wire;
  }

  /** The value on the wire: {@code "0"}, {@code "1"} or {@code "2"}. */
  String wire() {
    return wire;
  }
}
