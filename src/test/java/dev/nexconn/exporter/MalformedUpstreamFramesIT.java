package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.GarbageFrame;
import dev.nexconn.exporter.support.HostileUpstream;
import dev.nexconn.exporter.support.LogCapture;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16 point 3, wire frames: the sidecar's probes against an upstream ({@link HostileUpstream})
 * that sends every kind of {@link GarbageFrame} in turn to one probe. Each one moves {@code
 * nexconn_upstream_frames_rejected_total} of its reason by exactly one; a malformed one is answered
 * {@code disconnect 30021} (when the socket still carries it), closes the socket and the probe
 * reconnects and answers pings again; an unnegotiated one is dropped with the socket kept. The
 * other probe never notices, each reason is one WARN line that names it and never a token, and no
 * ERROR or stack trace is logged.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MalformedUpstreamFramesIT {
  static final String PROBE_TOKEN = "hostile-upstream-probe-token-0c9e4f2a81b7";

  /** Refused by Netty's WebSocket decoder, which closes the socket before a disconnect can go. */
  static final Set<GarbageFrame> CLOSED_BY_THE_DECODER =
      Set.of(
          GarbageFrame.HUGE_FRAME,
          GarbageFrame.MASKED,
          GarbageFrame.RESERVED_BIT,
          GarbageFrame.RESERVED_OPCODE);

  @Test
  void everyMalformedFrameIsCountedOnceByReasonAndTheProbeReconnects() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<StatusChanged> changes = new CopyOnWriteArrayList<>();
    try (HostileUpstream up = HostileUpstream.start();
        LogCapture logs = LogCapture.start()) {
      ExporterConfig config =
          ConfigLoader.parse(
              """
              http: {host: 127.0.0.1, port: 0}
              upstream: {url: "%s"}
              probes:
                groups:
                  - name: hostile
                    users: [hp1, hp2]
                    token: {type: static, value: "%s"}
                    reconnect: {schedule: [50ms], jitter: false}
              """
                  .formatted(up.url(), PROBE_TOKEN));
      ExporterApp app = ExporterApp.start(vertx, config, k -> null).await(30, TimeUnit.SECONDS);
      app.bus()
          .subscribe(
              e -> {
                if (e instanceof StatusChanged s) {
                  changes.add(s);
                }
              });
      await().atMost(Duration.ofSeconds(10)).until(() -> up.online("hp1") && up.online("hp2"));
      await().atMost(Duration.ofSeconds(5)).until(() -> connected(app) == 2);
      changes.clear(); // from here on, only what the garbage caused

      Map<FrameRejectReason, Integer> sent = new EnumMap<>(FrameRejectReason.class);
      List<String> disconnectsWanted = new ArrayList<>();
      int closing = 0;
      long pings = 0;
      for (GarbageFrame g : GarbageFrame.values()) {
        int before = up.connects("hp1");
        up.send("hp1", g);
        sent.merge(g.reason(), 1, Integer::sum);
        if (g.reason().closesLink()) {
          closing++;
          await("hp1 back after " + g)
              .atMost(Duration.ofSeconds(10))
              .until(() -> up.connects("hp1") == before + 1 && up.online("hp1"));
          if (!CLOSED_BY_THE_DECODER.contains(g)) {
            disconnectsWanted.add("hp1 30021 frame rejected: " + g.reason().label());
          }
        } else {
          Thread.sleep(300); // time enough to close the socket, had it been closed
          assertThat(up.connects("hp1")).as("socket kept after %s", g).isEqualTo(before);
        }
        // The socket that is open now works: a server ping is answered.
        long id = ++pings;
        up.ping("hp1", id);
        await("pong after " + g).atMost(Duration.ofSeconds(5)).until(() -> up.pongs("hp1") == id);
      }

      String metrics = app.registry().scrape();
      for (FrameRejectReason r : FrameRejectReason.values()) {
        assertThat(
                PrometheusText.value(
                    metrics, "nexconn_upstream_frames_rejected_total", "reason", r.label()))
            .as("rejected %s", r.label())
            .isEqualTo(sent.getOrDefault(r, 0).doubleValue());
      }
      assertThat(sent).hasSize(FrameRejectReason.values().length - 1); // all but driver_error
      assertThat(up.disconnects()).isEqualTo(disconnectsWanted);
      assertThat(up.connects("hp1")).isEqualTo(1 + closing);

      // Nothing else moved: hp2 kept its first socket, hp1 only dropped once per malformed frame.
      assertThat(up.connects("hp2")).isEqualTo(1);
      assertThat(statuses(changes, "hp2")).isEmpty();
      assertThat(statuses(changes, "hp1"))
          .filteredOn(s -> s == ConnectionStatus.SUSPEND)
          .hasSize(closing);
      await().atMost(Duration.ofSeconds(5)).until(() -> connected(app) == 2);
      assertThat(statuses(changes, "hp1")).last().isEqualTo(ConnectionStatus.CONNECTED);
      assertThat(
              PrometheusText.value(metrics, "nexconn_reconnect_attempts_total", "source", "probe"))
          .isEqualTo(closing);

      app.stop().await(15, TimeUnit.SECONDS);
      List<String> warnings =
          logs.lines().stream().filter(l -> l.contains("upstream_frame_rejected")).toList();
      assertThat(warnings).as("one line per reason within the minute").hasSize(sent.size());
      for (FrameRejectReason r : sent.keySet()) {
        assertThat(warnings)
            .anyMatch(l -> l.startsWith("WARN ") && l.contains("reason=\"" + r.label() + "\""));
      }
      assertThat(logs.lines())
          .noneMatch(l -> l.contains(PROBE_TOKEN) || l.contains(GarbageFrame.PLANTED_TOKEN));
      assertThat(logs.errorsOrStackTraces()).isEmpty();
    } finally {
      vertx.close().await(15, TimeUnit.SECONDS);
    }
  }

  private static double connected(ExporterApp app) {
    return PrometheusText.value(
        app.registry().scrape(), "nexconn_connections", "source", "probe", "status", "connected");
  }

  private static List<ConnectionStatus> statuses(List<StatusChanged> changes, String user) {
    return changes.stream()
        .filter(s -> s.connectionId().endsWith(user))
        .map(StatusChanged::to)
        .toList();
  }
}
