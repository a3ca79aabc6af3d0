package dev.nexconn.exporter.support;

import dev.nexconn.exporter.engine.ConnectParams;
import dev.nexconn.exporter.engine.ConnectionEngine;
import dev.nexconn.exporter.engine.EngineOptions;
import dev.nexconn.exporter.engine.ProbeSettings;
import dev.nexconn.exporter.engine.ReconnectPolicy;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The real probe engine pointed at an emulator, for the emulator's fault tests: one probe per user,
 * a fast fixed reconnect step, a 500 ms heartbeat with a 500 ms timeout, statuses published on the
 * given bus. The only place the emulator tests touch the engine's API.
 */
public final class EmulatorProbeGroup {
  private final ConnectionEngine engine;

  private EmulatorProbeGroup(ConnectionEngine engine) {
    this.engine = engine;
  }

  /** Starts one probe per entry of {@code tokens} (user id to access token). */
  public static EmulatorProbeGroup start(
      Vertx vertx, URI upstream, Map<String, String> tokens, EventBus bus) {
    ConnectionEngine engine =
        new ConnectionEngine(
            vertx,
            NettyWebSocketTransport.create(vertx, upstream, null, null, Duration.ofSeconds(2)),
            bus,
            Clock.systemUTC(),
            new SplittableRandom(7));
    engine.initialize(EngineOptions.defaults().withTick(Duration.ofMillis(10), 2));
    ProbeSettings settings =
        ProbeSettings.defaults("fault", (user, refresh) -> Future.succeededFuture(tokens.get(user)))
            .withPolicy(new ReconnectPolicy(List.of(Duration.ofMillis(100)), false))
            .withHeartbeat(Duration.ofMillis(500), Duration.ofMillis(500));
    engine.addGroup(settings, List.copyOf(tokens.keySet()), new ConnectParams(null, 0, false));
    engine.start();
    return new EmulatorProbeGroup(engine);
  }

  /** Signs every probe out. */
  public void stop() throws Exception {
    engine.stop(Duration.ofSeconds(1)).await(5, TimeUnit.SECONDS);
  }
}
