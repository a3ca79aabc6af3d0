package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.config.ProbeGroupConfig;
import dev.nexconn.exporter.config.TokenConfig;
import dev.nexconn.exporter.config.UpstreamConfig;
import dev.nexconn.exporter.token.TokenProviders;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Where {@code upstream.connectRatePerSecond}, {@code upstream.connectBurst}, {@code
 * upstream.appKey} and every {@code probes.groups[i].*} key take effect: initializes an engine from
 * the upstream settings and adds one probe group per configured group, each with its token provider
 * (built by {@code token.TokenProviders} from the group's {@code token} section).
 *
 * <pre>{@code
 * ProbeGroups.configure(engine, vertx, webClient, config.upstream(), config.probeGroups(),
 *     System::getenv, clock, random);
 * engine.start();
 * }</pre>
 */
public final class ProbeGroups {
  private ProbeGroups() {}

  /**
   * Initializes {@code engine} from the upstream settings and adds every group.
   *
   * @return the ids of the message-probe timers started, which the caller cancels at stop
   */
  public static List<Long> configure(
      ConnectionEngine engine,
      Vertx vertx,
      WebClient webClient,
      UpstreamConfig upstream,
      List<ProbeGroupConfig> groups,
      Function<String, String> env,
      Clock clock,
      RandomGenerator random) {
    engine.initialize(options(upstream, groups));
    List<Long> timers = new ArrayList<>();
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
      List<ProbeConnection> connections = engine.addGroup(settings, g.userIds(), params);
      if (g.messages().enabled()) {
        MessageProber prober =
            new MessageProber(
                connections, g.messages().pairs(), g.messages().deadline(), engine.bus(), clock);
        if (g.messages().serverApi()) {
          prober.withServerApi(
              TokenProviders.messageSender(
                      webClient, g.token(), "probes.groups[" + i + "].token", env, clock, random)
                  ::send);
        }
        // One timer per group, not per probe; ticks before the probes connect send nothing.
        timers.add(vertx.setPeriodic(g.messages().interval().toMillis(), t -> prober.tick()));
      }
    }
    return List.copyOf(timers);
  }

  /** The engine-wide options the upstream section sets. */
  static EngineOptions options(UpstreamConfig upstream, List<ProbeGroupConfig> groups) {
    return EngineOptions.defaults()
        .withConnectRate(
            new ConnectRateLimiter(upstream.connectRatePerSecond(), upstream.connectBurst()))
        .withConnAckTimeout(upstream.connAckTimeout())
        .withAppKey(appKey(upstream, groups));
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
