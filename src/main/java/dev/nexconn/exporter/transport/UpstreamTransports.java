package dev.nexconn.exporter.transport;

import dev.nexconn.exporter.config.ConfigException;
import dev.nexconn.exporter.config.ProxyConfig;
import dev.nexconn.exporter.config.UpstreamConfig;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * Where {@code upstream.type}, {@code upstream.url}, {@code upstream.caFile}, {@code
 * upstream.proxy.*}, {@code upstream.connAckTimeout} and every {@code upstream.webSdk.*} key take
 * effect: builds the transport the probes connect through, the WebSocket client for protocol v1 or,
 * for {@code type: web-sdk}, the supervised Web SDK driver (started here, stopped by {@code
 * close()}).
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
    if (upstream.webSdk() != null) {
      WebSdkDriverOptions options = WebSdkDriverInstall.options(upstream.webSdk(), env);
      try {
        return WebSdkDriverTransport.start(vertx, options);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("upstream.webSdk.driver.node", e.getMessage());
      }
    }
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

  /**
   * What {@code check-config} runs: the checks of {@link #create} without starting anything that
   * lives on (the Web SDK driver is not started). Returns a transport to close, or null.
   *
   * @throws ConfigException naming the key at fault
   */
  public static UpstreamTransport check(
      Vertx vertx, UpstreamConfig upstream, Function<String, String> env) {
    if (upstream.webSdk() != null) {
      WebSdkDriverInstall.options(upstream.webSdk(), env);
      return null;
    }
    return create(vertx, upstream, env);
  }
}
