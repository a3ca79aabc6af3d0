package dev.nexconn.exporter.engine;

/**
 * The seed's {@code NCConnectParams}.
 *
 * <pre>{@code
 * engine.connect(settings, "probe-1", ConnectParams.of(token).withTimeout(30), onDb, onDone);
 * }</pre>
 *
 * @param token the access token; {@code null} asks the connection's {@code TokenProvider} first (a
 *     probe behaves like an app that calls its own server before connecting)
 * @param timeout seconds; {@code <= 0} keeps reconnecting until connected or a terminal status,
 *     {@code > 0} stops reconnecting after that many seconds without a connection and ends in
 *     {@code timeout}
 * @param reconnectKickEnable true: a reconnecting connection that finds the user online elsewhere
 *     is kicked itself; false (default): it kicks the other device
 */
public record ConnectParams(String token, int timeout, boolean reconnectKickEnable) {

  /** A token with the seed's defaults: no timeout, {@code reconnectKickEnable = false}. */
  public static ConnectParams of(String token) {
    return new ConnectParams(token, 0, false);
  }

  /** The same parameters with another timeout in seconds. */
  public ConnectParams withTimeout(int seconds) {
    return new ConnectParams(token, seconds, reconnectKickEnable);
  }

  /** The same parameters with another {@code reconnectKickEnable}. */
  public ConnectParams withReconnectKickEnable(boolean enable) {
    return new ConnectParams(token, timeout, enable);
  }

  @Override
  public String toString() {
    return "ConnectParams[token="
        + (token == null ? "<provider>" : "<redacted>")
        + ", timeout="
        + timeout
        + ", reconnectKickEnable="
        + reconnectKickEnable
        + "]";
  }
}
