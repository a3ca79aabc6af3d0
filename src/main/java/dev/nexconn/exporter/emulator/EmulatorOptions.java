package dev.nexconn.exporter.emulator;

/**
 * How the emulator listens and which app credentials it accepts.
 *
 * @param host bind address (loopback by default: the emulator is for laptops, tests and benches)
 * @param port TCP port, 0 for an ephemeral one
 * @param appKey the App Key the Server API accepts
 * @param appSecret the App Secret that signs Server API requests (never logged)
 */
public record EmulatorOptions(String host, int port, String appKey, String appSecret) {
  @Override
  public String toString() {
    return "EmulatorOptions[host=" + host + ", port=" + port + ", appKey=" + appKey + "]";
  }
}
