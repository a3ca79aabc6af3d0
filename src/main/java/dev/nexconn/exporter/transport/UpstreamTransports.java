package dev.nexconn.exporter.transport;

import dev.nexconn.exporter.config.ConfigException;
import dev.nexconn.exporter.config.ProxyConfig;
import dev.nexconn.exporter.config.UpstreamConfig;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * Where {@code upstream.url}, {@code upstream.caFile}, {@code upstream.proxy.*} and {@code
 * upstream.connAckTimeout} take effect: builds the WebSocket transport the probes connect through.
 *
 * <pre>{@code
 * UpstreamTransport transport = UpstreamTransports.create(vertx, config.upstream(), System::getenv);
 * }</pre>
 */
public final class UpstreamTransports {
  private UpstreamTransports() {}

  /**
   * The WebSocket transport for {@code upstream}, with its CA and proxy.
   *
   * @throws ConfigException naming the key at fault (an unset proxy password variable, a bad CA)
   */
  public static UpstreamTransport create(
      Vertx vertx, UpstreamConfig upstream, Function<String, String> env) {
    NettyWebSocketTransport.ProxySpec proxy = null;
    ProxyConfig p = upstream.proxy();
    if (p != null) {
      String password = null;
      if (p.passwordEnv() != null) {
        password = env.apply(p.passwordEnv());
        if (password == null) {
          throw new ConfigException(
              "upstream.proxy.passwordEnv",
              "environment variable " + p.passwordEnv() + " is not set");
        }
      }
      proxy =
          new NettyWebSocketTransport.ProxySpec(
              p.type() == ProxyConfig.Type.SOCKS5, p.host(), p.port(), p.username(), password);
    }
    try {
      return NettyWebSocketTransport.create(
          vertx, upstream.url(), upstream.caFile(), proxy, upstream.connAckTimeout());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("upstream.caFile", e.getMessage());
    }
  }
}
