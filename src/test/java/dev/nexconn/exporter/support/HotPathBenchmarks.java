package dev.nexconn.exporter.support;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.metrics.EventMetrics;
import dev.nexconn.exporter.metrics.LabelLimits;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH microbenchmarks of the per-frame and per-event hot paths: the protocol v1 codec (every
 * heartbeat of every probe goes through it) and the metrics sink (every event of every source goes
 * through it). Run by {@code MicroBench} in the {@code bench} profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmarks {
  private final String pong = FrameCodec.encode(new Frame.Pong(123_456_789L));
  private final String connAck =
      FrameCodec.encode(
          new Frame.ConnAck(0, "user-123456", "5f0c7a52-3c1e-4d5e-9a1b-0c2d3e4f5a6b"));
  private final Frame.Connect connect =
      new Frame.Connect(
          "token-abcdefghijklmnopqrstuvwxyz0123456789", true, false, "dev-1", "probe");
  private ConnectionEvent[] events;
  private EventMetrics metrics;
  private long ping;
  private int next;

  /** A metrics sink bound to a Prometheus registry, and a few SDK status events to feed it. */
  @Setup
  public void setUp() {
    metrics = new EventMetrics(LabelLimits.DEFAULT);
    metrics.bindTo(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    Instant now = Instant.now();
    ConnectionStatus[] cycle = {
      ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED, ConnectionStatus.SUSPEND
    };
    events = new ConnectionEvent[cycle.length];
    for (int i = 0; i < cycle.length; i++) {
      events[i] =
          new StatusChanged(
              EventSource.SDK,
              now,
              new Dimensions(Platform.ANDROID, "5.2.1", ""),
              "",
              "user-" + i,
              cycle[(i + cycle.length - 1) % cycle.length],
              cycle[i],
              0);
    }
  }

  @Benchmark
  public String encodePing() {
    return FrameCodec.encode(new Frame.Ping(ping++));
  }

  @Benchmark
  public String encodeConnect() {
    return FrameCodec.encode(connect);
  }

  @Benchmark
  public Frame decodePong() {
    return FrameCodec.decode(pong);
  }

  @Benchmark
  public Frame decodeConnAck() {
    return FrameCodec.decode(connAck);
  }

  @Benchmark
  public void metricsOnSdkStatusEvent() {
    metrics.onEvent(events[next]);
    next = next == events.length - 1 ? 0 : next + 1;
  }
}
