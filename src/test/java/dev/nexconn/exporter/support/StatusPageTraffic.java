package dev.nexconn.exporter.support;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes a bounded, repeating pattern of events so that the status page has something to draw:
 * probes dropping into suspend, reconnecting and coming back, an occasional kick, and SDK reports.
 * Stops by itself after {@code maxTicks}.
 */
public final class StatusPageTraffic {
  private static final ConnectionStatus[] CYCLE = {
    ConnectionStatus.SUSPEND, ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED
  };
  private final EventBus bus;
  private final Clock clock;
  private final int probes;
  private final Map<String, ConnectionStatus> current = new HashMap<>();
  private long tick;

  public StatusPageTraffic(EventBus bus, Clock clock, int probes) {
    this.bus = bus;
    this.clock = clock;
    this.probes = probes;
    for (int i = 1; i <= probes; i++) {
      move("probe-" + i, ConnectionStatus.CONNECTING);
      move("probe-" + i, ConnectionStatus.CONNECTED);
    }
  }

  /** Publishes one step every {@code periodMs} on {@code vertx}, at most {@code maxTicks} times. */
  public long start(Vertx vertx, long periodMs, long maxTicks) {
    return vertx.setPeriodic(
        periodMs,
        id -> {
          if (++tick >= maxTicks) {
            vertx.cancelTimer(id);
          }
          step();
        });
  }

  /** One step of the pattern. */
  public void step() {
    String probe = "probe-" + (1 + tick % probes);
    ConnectionStatus now = current.get(probe);
    int next = 0;
    for (int i = 0; i < CYCLE.length; i++) {
      if (CYCLE[i] == now) {
        next = (i + 1) % CYCLE.length;
      }
    }
    if (tick % 17 == 0) {
      move(probe, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
      next = 1;
    }
    if (CYCLE[next] == ConnectionStatus.CONNECTING) {
      bus.publish(
          new ReconnectAttempt(
              EventSource.PROBE,
              clock.instant(),
              Dimensions.PROBE,
              probe,
              (int) (tick % 5) + 1,
              Duration.ofMillis(250)));
    }
    move(probe, CYCLE[next]);
    bus.publish(
        new StatusChanged(
            EventSource.SDK,
            clock.instant(),
            new Dimensions(Platform.ANDROID, "5.2.1", ""),
            "",
            "",
            ConnectionStatus.CONNECTING,
            ConnectionStatus.CONNECTED,
            0));
  }

  private void move(String probe, ConnectionStatus to) {
    ConnectionStatus from = current.put(probe, to);
    bus.publish(
        new StatusChanged(
            EventSource.PROBE, clock.instant(), Dimensions.PROBE, probe, probe, from, to, 0));
  }
}
