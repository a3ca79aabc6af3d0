package dev.nexconn.exporter;

import dev.nexconn.exporter.config.ConfigException;
import dev.nexconn.exporter.config.ProbeGroupConfig;
import dev.nexconn.exporter.config.ProxyConfig;
import dev.nexconn.exporter.config.TokenConfig;
import dev.nexconn.exporter.config.UpstreamConfig;
import dev.nexconn.exporter.engine.ConnectParams;
import dev.nexconn.exporter.engine.ConnectRateLimiter;
import dev.nexconn.exporter.engine.ConnectionEngine;
import dev.nexconn.exporter.engine.EngineOptions;
import dev.nexconn.exporter.engine.ProbeSettings;
import dev.nexconn.exporter.engine.ReconnectPolicy;
import dev.nexconn.exporter.token.TokenProviders;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import dev.nexconn.exporter.transport.UpstreamTransport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** Turns the upstream and probe-group config into a transport and an initialized engine. */
final class ProbeFleet {
  private ProbeFleet() {}

  /** The WebSocket transport for {@code upstream}, with its CA and proxy. */
  static UpstreamTransport transport(
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

  /** Initializes {@code engine} from the upstream settings and adds every group. */
  static void configure(
      ConnectionEngine engine,
      Vertx vertx,
      WebClient webClient,
      UpstreamConfig upstream,
      List<ProbeGroupConfig> groups,
      Function<String, String> env,
      Clock clock,
      RandomGenerator random) {
    EngineOptions options =
        EngineOptions.defaults()
            .withConnectRate(
                new ConnectRateLimiter(upstream.connectRatePerSecond(), upstream.connectBurst()))
            .withConnAckTimeout(upstream.connAckTimeout())
            .withAppKey(appKey(upstream, groups));
    engine.initialize(options);
    for (int i = 0; i < groups.size(); i++) {
      ProbeGroupConfig g = groups.get(i);
      ProbeSettings settings =
          ProbeSettings.defaults(
                  g.name(),
                  TokenProviders.create(
                      vertx,
                      webClient,
                      g.token(),
                      "probes.groups[" + i + "].token",
                      env,
                      clock,
                      random))
              .withPolicy(new ReconnectPolicy(g.reconnect().schedule(), g.reconnect().jitter()))
              .withHeartbeat(g.heartbeatInterval(), g.heartbeatTimeout())
              .withTokenRefreshGuard(g.tokenRefresh().maxPerWindow(), g.tokenRefresh().window())
              .withDatabase(g.database().enabled() ? g.database().dir() : null);
      ConnectParams params =
          new ConnectParams(null, (int) g.timeout().toSeconds(), g.reconnectKickEnable());
      engine.addGroup(settings, g.userIds(), params);
    }
  }

  private static String appKey(UpstreamConfig upstream, List<ProbeGroupConfig> groups) {
    if (!upstream.appKey().isEmpty()) {
      return upstream.appKey();
    }
    return groups.stream()
        .map(ProbeGroupConfig::token)
        .filter(t -> t.kind() == TokenConfig.Kind.SERVER_API)
        .map(TokenConfig::appKey)
        .findFirst()
        .orElse("");
  }
}
