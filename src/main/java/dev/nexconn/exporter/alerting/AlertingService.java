package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.config.AlertReceiverConfig;
import dev.nexconn.exporter.config.AlertRuleConfig;
import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.event.ConnectionEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting capability in one object: the {@link SpikeDetector}, delivery queues, metrics and
 * the {@code /api/v1/alerts} route. The wiring subscribes {@link #onEvent}, binds {@link #bindTo},
 * adds {@link #routes} to the HTTP router and calls {@link #start}.
 *
 * <pre>{@code
 * AlertingService alerting =
 *     AlertingService.create(webClient, config.alerting(), clock, env, http::actualPort);
 * bus.subscribe(alerting::onEvent);
 * alerting.bindTo(registry);
 * alerting.start(vertx);
 * }</pre>
 */
public final class AlertingService {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingService.class);
  private final AlertingConfig config;
  private final SpikeDetector detector;
  private final AlertMetrics metrics;
  private final AlertDispatcher dispatcher;
  private final BaselinePersistence baselines;
  private final List<AlertmanagerAddresses> discovered = new ArrayList<>();
  private Vertx vertx;
  private Runnable onStart = () -> {};
  private long timer = -1;
  private volatile boolean stopped;

  /**
   * @param labels labels on every alert (pod identity and {@code externalLabels})
   * @param senders the sender for each configured receiver, by receiver name
   * @param addressSenders the sender for one address of a receiver with {@code discovery: dns}
   * @param resolver the blocking name lookup for those receivers
   */
  AlertingService(
      AlertingConfig config,
      Clock clock,
      Map<String, String> labels,
      Function<AlertReceiverConfig, AlertSender> senders,
      BiFunction<AlertReceiverConfig, InetAddress, AlertSender> addressSenders,
      AlertmanagerAddresses.Resolver resolver) {
    this.config = config;
    this.detector = new SpikeDetector(config, clock, labels);
    Map<String, String> severities = new LinkedHashMap<>();
    for (AlertRuleConfig r : config.rules()) {
      if (r.enabled()) {
        severities.put(r.name(), r.severity());
      }
    }
    List<String> names = config.receivers().stream().map(AlertReceiverConfig::name).toList();
    this.metrics = new AlertMetrics(severities, detector::state, names);
    List<DeliveryQueue> queues = new ArrayList<>();
    for (AlertReceiverConfig r : config.receivers()) {
      if (!r.everyAddress()) {
        queues.add(queue(config, clock, r.name(), senders.apply(r)));
      }
    }
    this.dispatcher = new AlertDispatcher(queues, clock, config.resendInterval());
    for (AlertReceiverConfig r : config.receivers()) {
      if (r.everyAddress()) {
        discovered.add(
            new AlertmanagerAddresses(
                r,
                resolver,
                (label, address) -> {
                  metrics.register(label);
                  return queue(config, clock, label, addressSenders.apply(r, address));
                },
                dispatcher));
      }
    }
    detector.onChange(AlertingService::log);
    detector.onChange(dispatcher::onChange);
    this.baselines = new BaselinePersistence(config.baselines(), detector, clock);
    baselines.restore();
  }

  /** A service whose receivers each have one address (tests). */
  AlertingService(
      AlertingConfig config,
      Clock clock,
      Map<String, String> labels,
      Function<AlertReceiverConfig, AlertSender> senders) {
    this(
        config,
        clock,
        labels,
        senders,
        (r, a) -> senders.apply(r),
        host -> InetAddress.getAllByName(host));
  }

  private DeliveryQueue queue(AlertingConfig config, Clock clock, String name, AlertSender s) {
    return new DeliveryQueue(
        name,
        s,
        metrics,
        clock,
        config.queueCapacity(),
        config.initialBackoff(),
        config.maxBackoff());
  }

  /**
   * Builds the service for the running sidecar.
   *
   * @param env environment lookup: {@code POD_NAME}/{@code HOSTNAME} name the pod, {@code
   *     POD_NAMESPACE} its namespace, {@code POD_IP} the host of {@code generatorURL} when {@code
   *     alerting.externalUrl} is not set
   * @param httpPort the bound HTTP port, read when an alert is sent
   */
  public static AlertingService create(
      WebClient client,
      AlertingConfig config,
      Clock clock,
      Function<String, String> env,
      IntSupplier httpPort) {
    AlertingConfig effective =
        config.enabled()
            ? config
            : new AlertingConfig(
                false,
                config.bucket(),
                config.resendInterval(),
                config.resolvedRetention(),
                config.externalUrl(),
                config.externalLabels(),
                List.of(),
                List.of(),
                config.queueCapacity(),
                config.initialBackoff(),
                config.maxBackoff(),
                config.timeout(),
                config.baselines());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("pod", firstSet(env, "nexconn-exporter", "POD_NAME", "HOSTNAME"));
    String namespace = env.apply("POD_NAMESPACE");
    if (namespace != null && !namespace.isBlank()) {
      labels.put("namespace", namespace);
    }
    labels.put("detector", "sidecar");
    labels.putAll(effective.externalLabels());
    Function<String, String> generatorUrl =
        name -> {
          String base = effective.externalUrl();
          if (base == null) {
            base =
                "http://"
                    + firstSet(env, "localhost", "POD_IP", "HOSTNAME")
                    + ":"
                    + httpPort.getAsInt();
          }
          while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
          }
          return base
              + "/api/v1/alerts?alertname="
              + URLEncoder.encode(name, StandardCharsets.UTF_8);
        };
    AlertPayloads payloads = new AlertPayloads(effective.resendInterval(), generatorUrl);
    AlertingService service =
        new AlertingService(
            effective,
            clock,
            labels,
            r -> new HttpAlertSender(client, r, payloads, effective.timeout()),
            (r, address) -> new HttpAlertSender(client, r, payloads, effective.timeout(), address),
            host -> InetAddress.getAllByName(host));
    service.onStart =
        () -> ReceiverCheck.run(client, effective.receivers(), payloads, effective.timeout());
    return service;
  }

  private static void log(Alert a) {
    if (a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED) {
      LOG.atInfo()
          .addKeyValue("event", "alert_" + a.state().label())
          .addKeyValue("alertname", a.name())
          .addKeyValue("severity", a.severity())
          .addKeyValue("value", SpikeDetector.number(a.crossedValue()))
          .addKeyValue("baseline", SpikeDetector.number(a.crossedBaseline()))
          .addKeyValue("threshold", SpikeDetector.number(a.threshold()))
          .log();
    }
  }

  private static String firstSet(Function<String, String> env, String fallback, String... names) {
    for (String n : names) {
      String v = env.apply(n);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return fallback;
  }

  /** The event sink: subscribe it to the event bus. */
  public void onEvent(ConnectionEvent event) {
    // Probes signing out at shutdown must not page anyone.
    if (!stopped) {
      detector.onEvent(event);
    }
  }

  /** Registers {@code nexconn_alerts} and {@code nexconn_alert_notifications_total}. */
  public void bindTo(MeterRegistry registry) {
    metrics.bindTo(registry);
  }

  /** Adds {@code GET /api/v1/alerts}. */
  public void routes(Router router) {
    router.get("/api/v1/alerts").handler(new AlertsApiHandler(detector::alerts));
  }

  /** One evaluation step: slide windows, apply {@code for} and resolution, deliver. */
  public void tick() {
    detector.evaluate();
    dispatcher.tick(detector.alerts());
  }

  /** Evaluates every bucket on a Vert.x timer; the clock, not the timer, says what time it is. */
  public synchronized void start(Vertx vertx) {
    if (timer >= 0 || !config.enabled()) {
      return;
    }
    this.vertx = vertx;
    timer = vertx.setPeriodic(config.bucket().toMillis(), id -> tick());
    baselines.start(vertx);
    discovered.forEach(d -> d.start(vertx));
    onStart.run();
  }

  /**
   * Stops evaluating (events after this are ignored, so probes signing out at shutdown raise
   * nothing), stops the timer and saves the baselines (blocking: call it off the event loop);
   * queued notifications that were not delivered are abandoned.
   */
  public synchronized void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    discovered.forEach(AlertmanagerAddresses::stop);
    baselines.stop();
  }

  /** The detector, for status pages and tests. */
  public SpikeDetector detector() {
    return detector;
  }
}
