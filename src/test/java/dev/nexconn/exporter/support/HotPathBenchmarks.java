package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.alerting.SpikeDetector;
import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.http.ConnectionBoard;
import dev.nexconn.exporter.http.StatusSummary;
import dev.nexconn.exporter.ingest.ParsedReport;
import dev.nexconn.exporter.ingest.ReportParser;
import dev.nexconn.exporter.metrics.EventMetrics;
import dev.nexconn.exporter.metrics.LabelLimits;
import dev.nexconn.exporter.metrics.MeterExposition;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH microbenchmarks of the per-frame and per-event hot paths: the protocol v1 codec (every
 * heartbeat of every probe goes through it), SDK batch decoding and mapping (per event, against
 * Jackson's decode alone), the metrics sink, the alerting sink and the bus with every sink (every
 * event of every source goes through them). Run by {@code MicroBench} in the {@code bench} profile.
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

  private byte[] batch100;
  private ReportParser parser;
  private SpikeDetector detector;
  private ConnectionEvent ban;
  private EventBus bus;
  private List<ConnectionEvent> batchEvents;

  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  private PrometheusMeterRegistry fleetRegistry;
  private MeterExposition fleetExposition;
  private final ByteArrayOutputStream exposition = new ByteArrayOutputStream(512 * 1024);

  /** A metrics sink bound to a Prometheus registry, and a few SDK status events to feed it. */
  @Setup
  public void setUp() {
    batch100 = DecodeLimit.body(100, "jmh-batch", System.currentTimeMillis());
    parser = new ReportParser(500, Duration.ofDays(7), Duration.ofMinutes(5));
    batchEvents = parser.parseValid(batch100, Instant.now()).events();
    detector = new SpikeDetector(AlertingConfig.defaults(), Clock.systemUTC(), Map.of());
    bus = new EventBus();
    EventMetrics busMetrics = new EventMetrics(LabelLimits.DEFAULT);
    busMetrics.bindTo(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    // As ExporterApp subscribes them: the metrics and the summary take batches whole.
    bus.subscribe(busMetrics);
    bus.subscribe(new ConnectionBoard()::onEvent);
    bus.subscribe(new StatusSummary(Clock.systemUTC(), 50, false));
    bus.subscribe(detector::onEvent);
    metrics = new EventMetrics(LabelLimits.DEFAULT);
    metrics.bindTo(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    fleetRegistry = fleetLabelSet();
    fleetExposition = MeterExposition.of(fleetRegistry);
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
    ban =
        new StatusChanged(
            EventSource.SDK,
            now,
            new Dimensions(Platform.ANDROID, "5.2.1", ""),
            "",
            "",
            ConnectionStatus.CONNECTED,
            ConnectionStatus.DISCONN_EXCEPTION,
            31011);
  }

  /** A registry as the sidecar's, with the label set {@code ScrapeLoad.fillLabels} posts. */
  private static PrometheusMeterRegistry fleetLabelSet() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    EventMetrics fleet = new EventMetrics(LabelLimits.DEFAULT);
    fleet.bindTo(registry);
    Instant now = Instant.now();
    ConnectionStatus[] statuses = ConnectionStatus.values();
    for (Platform platform :
        List.of(Platform.IOS, Platform.ANDROID, Platform.WEB, Platform.FLUTTER)) {
      for (int v = 0; v < 25; v++) {
        Dimensions d = new Dimensions(platform, "6." + v + ".0", "");
        List<ConnectionEvent> batch = new java.util.ArrayList<>();
        for (ConnectionStatus from : statuses) {
          for (ConnectionStatus to : statuses) {
            batch.add(new StatusChanged(EventSource.SDK, now, d, "", "", from, to, 0));
          }
        }
        batch.add(new ReconnectAttempt(EventSource.SDK, now, d, "", 2, Duration.ZERO));
        batch.add(new TokenFailure(EventSource.SDK, now, d, TokenFailure.Reason.EXPIRED));
        batch.add(new DatabaseOpened(EventSource.SDK, now, d, true, 0));
        fleet.acceptAll(batch);
      }
    }
    return registry;
  }

  /** The decode limit: Jackson alone turning a batch of 100 status events into a tree. */
  @Benchmark
  @OperationsPerInvocation(100)
  public JsonNode jacksonDecodePerEvent() throws Exception {
    return DecodeLimit.decode(batch100);
  }

  /** Jackson's token stream alone over the same batch: the floor under any Jackson decode. */
  @Benchmark
  @OperationsPerInvocation(100)
  public long jacksonTokensPerEvent() throws Exception {
    return DecodeLimit.tokens(batch100);
  }

  /**
   * What ingest does per event of a valid batch before publishing: read, validate and map to
   * events, straight from the bytes ({@link ReportParser#parseValid}).
   */
  @Benchmark
  @OperationsPerInvocation(100)
  public ParsedReport decodeAndMapPerEvent() {
    return parser.parseValid(batch100, Instant.now());
  }

  /** The tree path, which batches with any error take: Jackson's tree, then validation. */
  @Benchmark
  @OperationsPerInvocation(100)
  public ParsedReport treeDecodeAndMapPerEvent() throws Exception {
    return parser.parse(DecodeLimit.decode(batch100), Instant.now());
  }

  /** A mapped batch of 100 through the bus to every sink, as ingest publishes it. */
  @Benchmark
  @OperationsPerInvocation(100)
  public void busToEverySinkPerBatchedEvent() {
    bus.publishAll(batchEvents);
  }

  /** The alerting sink with the shipped rules, for an event no rule counts (most events). */
  @Benchmark
  public void ruleEvaluationUncountedEvent() {
    detector.onEvent(events[next]);
    next = next == events.length - 1 ? 0 : next + 1;
  }

  /** The alerting sink for a ban report: the ban rule counts it and is evaluated. */
  @Benchmark
  public void ruleEvaluationBanEvent() {
    detector.onEvent(ban);
  }

  /** One event through the bus to every sink the sidecar subscribes. */
  @Benchmark
  public void busToEverySinkPerEvent() {
    bus.publish(events[next]);
    next = next == events.length - 1 ? 0 : next + 1;
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

  /**
   * One {@code /metrics} render of a full fleet label set (4 SDK platforms x 25 app versions, every
   * status from every status, reconnects, token failures, database opens, and the JVM's binders),
   * through {@code PrometheusMeterRegistry.scrape}: what the sidecar rendered before {@link
   * MeterExposition}.
   */
  @Benchmark
  public int renderThroughTheRegistry() throws Exception {
    exposition.reset();
    fleetRegistry.scrape(exposition, TEXT_FORMAT);
    return exposition.size();
  }

  /** The same render through {@link MeterExposition}, as the sidecar renders it now. */
  @Benchmark
  public int renderThroughMeterExposition() throws Exception {
    exposition.reset();
    fleetExposition.write(exposition, TEXT_FORMAT);
    return exposition.size();
  }

  @Benchmark
  public void metricsOnSdkStatusEvent() {
    metrics.onEvent(events[next]);
    next = next == events.length - 1 ? 0 : next + 1;
  }
}
