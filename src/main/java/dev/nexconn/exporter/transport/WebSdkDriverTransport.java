package dev.nexconn.exporter.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UpstreamTransport} for real-service probes through the vendor's Web SDK: starts the Node
 * driver in {@code drivers/web-sdk} as a child process and speaks its line-delimited JSON protocol
 * ({@code docs/protocol.md}, "Web SDK driver protocol"). Each link is one probe, one worker thread,
 * one SDK instance; see {@link WebSdkLink} for how SDK events become protocol frames.
 *
 * <p>Supervision: the driver is asked for health every {@code healthInterval}; no answer within
 * {@code healthTimeout} (a hung or stopped driver) kills it. When it exits for any reason every
 * link it held closes with 1006 at once, so no probe stays {@code connected}; opens fail with
 * {@link UpstreamUnreachableException} until it is restarted, after {@code restartMin}, doubled for
 * each incident within a minute of the last start, at most {@code restartMax}. One WARN line per
 * incident, its reason a {@link WebSdkDriverIncident}; {@link WebSdkDriverMetrics} exports the
 * same:
 *
 * <pre>
 * event=web_sdk_driver_down reason=exited exit_code=137 pid=4242 probes=3 incident=2 restart_in_ms=2000
 * </pre>
 *
 * <p>The first refusal of each distinct host (at most {@value #LOGGED_HOSTS}) is one INFO line
 * {@code event=web_sdk_refused host=...}, so an operator sees which vendor hosts the SDK wanted.
 */
public final class WebSdkDriverTransport implements UpstreamTransport {
  private static final Logger LOG = LoggerFactory.getLogger(WebSdkDriverTransport.class);
  private static final long STABLE_MILLIS = 60_000;
  static final int LOGGED_HOSTS = 32;

  private final Vertx vertx;
  private final WebSdkDriverOptions options;
  private final Map<String, WebSdkLink> links = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong incidents = new AtomicLong();
  private final Map<WebSdkDriverIncident, AtomicLong> byReason =
      new java.util.EnumMap<>(WebSdkDriverIncident.class);
  private final java.util.Set<String> loggedHosts = ConcurrentHashMap.newKeySet();
  private volatile long memoryBytes;
  private WebSdkDriverProcess hungKilled;
  private final long healthTimer;
  private WebSdkDriverProcess driver;
  private long startedAt;
  private long healthSentAt = -1;
  private long healthSeq;
  private long restartDelay;
  private boolean closing;

  private WebSdkDriverTransport(Vertx vertx, WebSdkDriverOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.restartDelay = Math.max(1, options.restartMin().toMillis());
    for (WebSdkDriverIncident r : WebSdkDriverIncident.values()) {
      byReason.put(r, new AtomicLong());
    }
    this.healthTimer = vertx.setPeriodic(options.healthInterval().toMillis(), t -> checkHealth());
  }

  /**
   * Starts the driver and its supervision.
   *
   * @throws IllegalArgumentException when {@code driver.js} is missing or the driver cannot start
   */
  public static WebSdkDriverTransport start(Vertx vertx, WebSdkDriverOptions options) {
    if (!java.nio.file.Files.isRegularFile(options.driverDir().resolve("driver.js"))) {
      throw new IllegalArgumentException(
          "web-sdk driver not found: " + options.driverDir().resolve("driver.js"));
    }
    WebSdkDriverTransport t = new WebSdkDriverTransport(vertx, options);
    try {
      t.launch();
    } catch (IOException e) {
      vertx.cancelTimer(t.healthTimer);
      throw new IllegalArgumentException(
          "cannot start the web-sdk driver with " + options.node() + ": " + e.getMessage(), e);
    }
    return t;
  }

  WebSdkDriverOptions options() {
    return options;
  }

  /** The running driver's process id, -1 while it is down (supervision tests kill it by pid). */
  public synchronized long driverPid() {
    return driver == null ? -1 : driver.pid();
  }

  /** Non-loopback attempts the driver refused so far, over all probes and driver runs. */
  public long refusedAttempts() {
    return refused.get();
  }

  /** Driver incidents (exit, crash, hang) so far. */
  public long incidents() {
    return incidents.get();
  }

  /** Driver incidents of one kind so far. */
  public long incidents(WebSdkDriverIncident reason) {
    return byReason.get(reason).get();
  }

  /** The driver's resident memory at its last health answer, 0 while it is down. */
  public long driverMemoryBytes() {
    return driverPid() > 0 ? memoryBytes : 0;
  }

  /** Open links (probes the driver holds). */
  public int openLinks() {
    return links.size();
  }

  @Override
  public Future<UpstreamLink> open() {
    Context context = vertx.getOrCreateContext();
    WebSdkDriverProcess d;
    synchronized (this) {
      d = driver;
    }
    if (d == null || !d.process().isAlive()) {
      return Future.failedFuture(
          new UpstreamUnreachableException(
              "web-sdk driver is not running (restarting after an incident)", false, null));
    }
    WebSdkLink link = new WebSdkLink("L" + nextId.incrementAndGet(), context, this, d);
    links.put(link.id(), link);
    return Future.succeededFuture(link);
  }

  void forget(WebSdkLink link) {
    links.remove(link.id(), link);
  }

  private void launch() throws IOException {
    WebSdkDriverProcess[] self = new WebSdkDriverProcess[1];
    WebSdkDriverProcess d = WebSdkDriverProcess.start(options, ev -> onEvent(self[0], ev));
    self[0] = d;
    synchronized (this) {
      driver = d;
      startedAt = System.currentTimeMillis();
      healthSentAt = -1;
    }
    LOG.atInfo()
        .addKeyValue("event", "web_sdk_driver_started")
        .addKeyValue("pid", d.pid())
        .addKeyValue("max_probes", options.maxProbes())
        .addKeyValue("production", options.production())
        .log();
    d.process().onExit().thenAccept(p -> vertx.runOnContext(v -> exited(d, p.exitValue())));
  }

  private void onEvent(WebSdkDriverProcess from, JsonObject event) {
    String ev = event.getString("ev", "");
    if ("HEALTH".equals(ev)) {
      synchronized (this) {
        if (from == driver) {
          healthSentAt = -1;
          memoryBytes = event.getLong("rss", 0L);
        }
      }
      return;
    }
    if ("REFUSED".equals(ev)) {
      refused.incrementAndGet();
      String host = String.valueOf(event.getValue("host", ""));
      if (loggedHosts.size() < LOGGED_HOSTS && loggedHosts.add(host)) {
        LOG.atInfo()
            .addKeyValue("event", "web_sdk_refused")
            .addKeyValue("host", host.length() <= 253 ? host : host.substring(0, 253))
            .addKeyValue("production", options.production())
            .addKeyValue("hint", "not loopback and not in upstream.webSdk.allowHosts")
            .log();
      }
      return;
    }
    Object id = event.getValue("id");
    WebSdkLink link = id instanceof String s ? links.get(s) : null;
    if (link != null && link.driver() == from) {
      link.onDriverEvent(event);
    }
  }

  private void checkHealth() {
    WebSdkDriverProcess d;
    synchronized (this) {
      d = driver;
      if (d == null) {
        return;
      }
      long now = System.currentTimeMillis();
      if (healthSentAt >= 0) {
        if (now - healthSentAt > options.healthTimeout().toMillis()) {
          LOG.atWarn()
              .addKeyValue("event", "web_sdk_driver_hung")
              .addKeyValue("pid", d.pid())
              .addKeyValue("silent_ms", now - healthSentAt)
              .addKeyValue("action", "kill")
              .log();
          hungKilled = d;
          d.kill();
        }
        return;
      }
      healthSentAt = now;
    }
    d.send(new JsonObject().put("cmd", "health").put("seq", ++healthSeq));
  }

  private void exited(WebSdkDriverProcess d, int exitCode) {
    long delay;
    WebSdkDriverIncident reason;
    synchronized (this) {
      if (driver != d) {
        return;
      }
      driver = null;
      reason = hungKilled == d ? WebSdkDriverIncident.HUNG : WebSdkDriverIncident.EXITED;
      long ranFor = System.currentTimeMillis() - startedAt;
      if (ranFor > STABLE_MILLIS) {
        restartDelay = options.restartMin().toMillis();
      }
      delay = restartDelay;
      restartDelay = Math.min(options.restartMax().toMillis(), restartDelay * 2);
    }
    int dropped = 0;
    for (WebSdkLink link : links.values()) {
      if (link.driver() == d) {
        dropped++;
        link.onDriverGone();
      }
    }
    if (closing) {
      return;
    }
    long n = count(reason);
    LOG.atWarn()
        .addKeyValue("event", "web_sdk_driver_down")
        .addKeyValue("reason", reason.label())
        .addKeyValue("exit_code", exitCode)
        .addKeyValue("pid", d.pid())
        .addKeyValue("probes", dropped)
        .addKeyValue("incident", n)
        .addKeyValue("restart_in_ms", delay)
        .log();
    vertx.setTimer(Math.max(1, delay), t -> restart());
  }

  private void restart() {
    if (closing) {
      return;
    }
    try {
      launch();
    } catch (IOException e) {
      long n = count(WebSdkDriverIncident.START_FAILED);
      long delay;
      synchronized (this) {
        delay = restartDelay;
        restartDelay = Math.min(options.restartMax().toMillis(), restartDelay * 2);
      }
      LOG.atWarn()
          .addKeyValue("event", "web_sdk_driver_down")
          .addKeyValue("reason", WebSdkDriverIncident.START_FAILED.label())
          .addKeyValue("error", e.getMessage())
          .addKeyValue("incident", n)
          .addKeyValue("restart_in_ms", delay)
          .log();
      vertx.setTimer(delay, t -> restart());
    }
  }

  private long count(WebSdkDriverIncident reason) {
    byReason.get(reason).incrementAndGet();
    return incidents.incrementAndGet();
  }

  /** Stops supervision and the driver; the links it held close with 1006. */
  @Override
  public Future<Void> close() {
    closing = true;
    vertx.cancelTimer(healthTimer);
    WebSdkDriverProcess d;
    synchronized (this) {
      d = driver;
    }
    if (d == null) {
      return Future.succeededFuture();
    }
    d.kill();
    return Future.fromCompletionStage(d.process().onExit()).mapEmpty();
  }
}
