package dev.nexconn.exporter;

import dev.nexconn.exporter.alerting.AlertingService;
import dev.nexconn.exporter.api.ListenerGuard;
import dev.nexconn.exporter.api.ListenerLimits;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.config.HttpConfig;
import dev.nexconn.exporter.config.MemoryBudget;
import dev.nexconn.exporter.config.SecretFilePermissions;
import dev.nexconn.exporter.config.ShardEnv;
import dev.nexconn.exporter.engine.ConnectionEngine;
import dev.nexconn.exporter.engine.ProbeGroups;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.http.ConnectionBoard;
import dev.nexconn.exporter.http.HttpServerVerticle;
import dev.nexconn.exporter.http.ListenerMetrics;
import dev.nexconn.exporter.http.ReadinessCheck;
import dev.nexconn.exporter.http.StatusSummary;
import dev.nexconn.exporter.ingest.IngestEndpoints;
import dev.nexconn.exporter.metrics.ConsistentPrometheusRegistry;
import dev.nexconn.exporter.metrics.EventBusMetrics;
import dev.nexconn.exporter.metrics.EventMetrics;
import dev.nexconn.exporter.metrics.ExporterInfoMetrics;
import dev.nexconn.exporter.metrics.MeterExposition;
import dev.nexconn.exporter.transport.UpstreamTransport;
import dev.nexconn.exporter.transport.UpstreamTransports;
import dev.nexconn.exporter.transport.WebSdkDriverMetrics;
import dev.nexconn.exporter.transport.WebSdkDriverTransport;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Wires the sidecar together from one {@link ExporterConfig}: each capability builds its own
 * runtime from its own section (README, "Architecture", lists where each key takes effect), and
 * this class only connects them through the event bus and the HTTP router.
 *
 * <pre>{@code
 * ExporterApp.start(vertx, config, System.getenv()::get).onSuccess(app -> app.httpPort());
 * }</pre>
 */
public final class ExporterApp {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExporterApp.class);
  private final Vertx vertx;
  private final ExporterConfig config;
  private final PrometheusMeterRegistry registry;
  private final EventBus bus;
  private final ConnectionEngine engine;
  private final UpstreamTransport transport;
  private final WebClient webClient;
  private final AlertingService alerting;
  private final IngestEndpoints ingest;
  private final ListenerGuard guard;
  private final List<Long> messageTimers;
  private HttpServerVerticle http;

  private ExporterApp(
      Vertx vertx, ExporterConfig config, Function<String, String> env, boolean checkOnly) {
    this.vertx = vertx;
    this.config = config;
    MemoryBudget.check(config, Runtime.getRuntime().maxMemory());
    for (SecretFilePermissions.Problem p : SecretFilePermissions.problems(config)) {
      LOG.atWarn()
          .addKeyValue("event", "secret_file_permissions")
          .addKeyValue("config_key", p.key())
          .addKeyValue("file", p.file())
          .addKeyValue("mode", p.mode())
          .addKeyValue("fix", "chmod 600 " + p.file())
          .log(p.message());
    }
    Clock clock = Clock.systemUTC();
    SplittableRandom random = new SplittableRandom();
    // Every scrape reads the probe status gauges and SLI counters from one snapshot.
    this.registry =
        new PrometheusMeterRegistry(
            PrometheusConfig.DEFAULT,
            new ConsistentPrometheusRegistry(),
            io.micrometer.core.instrument.Clock.SYSTEM);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new ExporterInfoMetrics(
            VersionCommand.version(),
            VersionCommand.revision(),
            ShardEnv.of(env).index(),
            ShardEnv.of(env).count())
        .bindTo(registry);
    this.bus = new EventBus();
    new EventBusMetrics(bus).bindTo(registry);
    EventMetrics metrics = EventMetrics.create(config.labels(), clock);
    metrics.bindTo(registry);
    bus.subscribe(metrics);
    ConnectionBoard board = new ConnectionBoard();
    bus.subscribe(board::onEvent);
    StatusSummary summary = StatusSummary.create(config.summary(), clock);
    bus.subscribe(summary);
    this.ingest = IngestEndpoints.create(vertx, config.ingest(), env, bus, registry, clock);
    this.webClient = WebClient.create(vertx);
    this.alerting =
        AlertingService.create(webClient, config.alerting(), clock, env, () -> http.actualPort());
    alerting.bindTo(registry);
    bus.subscribe(alerting::onEvent);
    if (config.upstream() == null) {
      this.transport = null;
    } else if (checkOnly) {
      // check-config validates the driver install but never starts the Web SDK driver.
      this.transport = UpstreamTransports.check(vertx, config.upstream(), env);
    } else {
      this.transport = UpstreamTransports.create(vertx, config.upstream(), env);
    }
    if (transport instanceof WebSdkDriverTransport sdk) {
      new WebSdkDriverMetrics(sdk).bindTo(registry);
    }
    this.engine = new ConnectionEngine(vertx, transport, bus, clock, random);
    List<Long> timers = List.of();
    if (config.upstream() != null) {
      try {
        timers =
            ProbeGroups.configure(
                engine,
                vertx,
                webClient,
                config.upstream(),
                config.probeGroups(),
                env,
                clock,
                random.split());
      } catch (RuntimeException e) {
        if (transport != null) {
          transport.close(); // a started driver must not outlive a start that failed
        }
        throw e;
      }
    }
    this.messageTimers = timers;
    this.guard = new ListenerGuard(vertx, "sidecar", limits(config.http()));
    ListenerMetrics.bind(guard, registry);
    this.http =
        new HttpServerVerticle(
            config.http().host(),
            config.http().port(),
            MeterExposition.of(registry)::write,
            board,
            List.of(
                new ReadinessCheck("http", () -> true),
                new ReadinessCheck("engine", engine::started)),
            router -> {
              ingest.routes(router);
              summary.register(router);
              alerting.routes(router);
            },
            config.http().metricsCacheTtl(),
            guard);
  }

  private static ListenerLimits limits(HttpConfig http) {
    HttpConfig.Limits l = http.limits();
    return new ListenerLimits(
        l.headerTimeout(), l.bodyTimeout(), l.idleTimeout(), l.maxConnections());
  }

  /** Builds and starts the sidecar; fails on bad config (for example an unreadable secret). */
  public static Future<ExporterApp> start(
      Vertx vertx, ExporterConfig config, Function<String, String> env) {
    ExporterApp app;
    try {
      app = new ExporterApp(vertx, config, env, false);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return app.http
        .deploy(vertx, config.http().effectiveInstances())
        .map(
            id -> {
              app.engine.start();
              app.alerting.start(vertx);
              return app;
            })
        // A start that cannot listen (the port is taken) leaves no timer, client, driver process
        // or open file behind in the caller's Vert.x.
        .recover(e -> app.release().transform(released -> Future.failedFuture(e)));
  }

  /**
   * Builds every component the way {@link #start} does, without listening or connecting, and
   * releases it again: what {@code check-config} runs, so that it reports the same errors as a
   * start (an unreadable secret file, a missing environment variable).
   *
   * @throws dev.nexconn.exporter.config.ConfigException naming the key at fault
   */
  public static void check(Vertx vertx, ExporterConfig config, Function<String, String> env) {
    new ExporterApp(vertx, config, env, true).release();
  }

  /** The bound HTTP port. */
  public int httpPort() {
    return http.actualPort();
  }

  /** The meter registry behind {@code /metrics}. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The sidecar's spike detector, alert delivery and {@code /api/v1/alerts}. */
  public AlertingService alerting() {
    return alerting;
  }

  /** The event bus. */
  public EventBus bus() {
    return bus;
  }

  /**
   * Signs every probe out within the configured grace ({@code /metrics} still answers meanwhile),
   * then undeploys every HTTP server instance, so that the port refuses connections once the future
   * completes, and cancels the timers and closes the clients and the upstream transport. The Vert.x
   * instance is the caller's and keeps running.
   */
  public Future<Void> stop() {
    alerting.stop();
    // No message probe is sent, nor counted lost, while the probes sign out.
    messageTimers.forEach(vertx::cancelTimer);
    return engine.stop(config.shutdownGrace()).eventually(http::undeploy).eventually(this::release);
  }

  /** Cancels the timers and closes the clients the constructor started; no server, no probe. */
  private Future<Void> release() {
    messageTimers.forEach(vertx::cancelTimer);
    ingest.close();
    webClient.close();
    return transport == null ? Future.succeededFuture() : transport.close();
  }
}
