package dev.nexconn.exporter.emulator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Virtual client apps without sockets: each app is a few fields in memory, and one shared tick
 * (every 250 ms) moves the apps whose next change is due, reports their SDK events to the sidecar's
 * ingest endpoint ({@link VirtualAppReporter}) and the server's presence webhooks for them. A
 * baseline of network blips runs at the scenario's rate; incidents (token expiry, bans, kicks,
 * outages, releases) hit a share of apps, spread over a window.
 */
final class VirtualAppSimulator {
  static final Duration TICK = Duration.ofMillis(250);

  private final Vertx vertx;
  private final Clock clock;
  private final RandomGenerator random;
  private final VirtualAppReporter reporter;
  private final PresenceWebhookSender webhooks;
  private final PriorityQueue<Change> due =
      new PriorityQueue<>((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
  private final Map<VirtualAppStatus, Integer> counts = new EnumMap<>(VirtualAppStatus.class);
  private App[] apps = new App[0];
  private VirtualAppRates rates = VirtualAppRates.DEFAULT;
  private double rate;
  private double owed;
  private long timer = -1;

  /** What an app does at a time; {@code refresh} and {@code recreated} add events to the change. */
  private record Change(
      long atMillis,
      int app,
      VirtualAppStatus status,
      int errorCode,
      boolean refresh,
      String version) {}

  private static final class App {
    final String userId;
    final String platform;
    String version;
    VirtualAppStatus status;
    String sessionId = "";

    /** Changes scheduled and not yet applied: a busy app takes no new blip or incident. */
    int pending;

    int attempt;
    boolean databaseOpened;

    App(String userId, String platform, String version) {
      this.userId = userId;
      this.platform = platform;
      this.version = version;
    }
  }

  VirtualAppSimulator(
      Vertx vertx,
      WebClient client,
      VirtualAppOptions options,
      Clock clock,
      RandomGenerator random) {
    this.vertx = vertx;
    this.clock = clock;
    this.random = random;
    this.reporter =
        new VirtualAppReporter(
            client,
            options.ingestUrl(),
            options.apiKey(),
            options.batchesPerSecond(),
            clock,
            random);
    List<String> hooks = options.webhookUrl().isEmpty() ? List.of() : List.of(options.webhookUrl());
    this.webhooks =
        new PresenceWebhookSender(vertx, client, hooks, options.webhookSecret(), clock, random);
  }

  /** Replaces the fleet: every app connects within the ramp-up window. Call on one context. */
  void reset(VirtualAppRates fleet) {
    this.rates = fleet;
    this.rate = fleet.statusChangesPerSecond();
    reporter.sealAll();
    due.clear();
    counts.clear();
    List<String> platforms = new ArrayList<>();
    fleet.platforms().forEach((p, w) -> platforms.addAll(java.util.Collections.nCopies(w, p)));
    apps = new App[fleet.apps()];
    long now = clock.millis();
    for (int i = 0; i < apps.length; i++) {
      String platform = platforms.isEmpty() ? "ios" : platforms.get(i % platforms.size());
      String version = fleet.appVersions().get(i % fleet.appVersions().size());
      apps[i] = new App("fleet-" + i, platform, version);
      long at = now + (long) (random.nextDouble() * fleet.rampUp().toMillis());
      add(new Change(at, i, VirtualAppStatus.CONNECTING, 0, false, null));
      add(new Change(at + 300, i, VirtualAppStatus.CONNECTED, 0, false, null));
    }
  }

  private void add(Change c) {
    apps[c.app()].pending++;
    due.add(c);
  }

  /**
   * Whether app {@code i} can take a new blip or incident: connected and with nothing scheduled, so
   * one app's episodes never interleave (a kick landing on an app a blip has just suspended would
   * report {@code suspend -> kicked_offline_by_other_client}, a sequence no SDK produces).
   */
  private boolean idle(int i) {
    return apps[i].status == VirtualAppStatus.CONNECTED && apps[i].pending == 0;
  }

  void start() {
    if (timer < 0) {
      webhooks.start();
      timer = vertx.setPeriodic(TICK.toMillis(), t -> tick());
    }
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    webhooks.stop();
    reporter.flush();
  }

  /** Baseline blips per second from now on. */
  void rate(double perSecond) {
    this.rate = perSecond;
  }

  /**
   * Starts an incident for about {@code percent}% of the connected apps, spread over {@code over};
   * timed incidents (outage, proxy, ban) end after {@code duration}.
   */
  void incident(
      VirtualAppIncident kind, double percent, Duration over, Duration duration, String version) {
    long now = clock.millis();
    for (int i = 0; i < apps.length; i++) {
      if (!idle(i) || (percent < 100 && random.nextDouble() * 100 >= percent)) {
        continue;
      }
      long start = now + (long) (random.nextDouble() * Math.max(1, over.toMillis()));
      schedule(i, kind, start, duration.toMillis(), version);
    }
  }

  private void schedule(int i, VirtualAppIncident kind, long s, long d, String version) {
    long back = s + d + 300 + (long) (random.nextDouble() * 2000);
    switch (kind) {
      case BLIP -> down(i, s, VirtualAppStatus.SUSPEND, 30_011, s + 500 + random.nextInt(2500));
      case OUTAGE -> down(i, s, VirtualAppStatus.SUSPEND, 30_011, back);
      case PROXY -> down(i, s, VirtualAppStatus.PROXY_UNAVAILABLE, 30_010, back);
      case TOKEN_EXPIRY -> {
        add(new Change(s, i, VirtualAppStatus.TOKEN_INCORRECT, 31_020, false, null));
        long r = s + 200 + random.nextInt(1800);
        add(new Change(r, i, VirtualAppStatus.CONNECTING, 0, true, null));
        add(new Change(r + 300, i, VirtualAppStatus.CONNECTED, 0, false, null));
      }
      case BAN -> down(i, s, VirtualAppStatus.DISCONN_EXCEPTION, 31_011, d > 0 ? back : -1);
      case KICK ->
          down(
              i,
              s,
              VirtualAppStatus.KICKED_OFFLINE_BY_OTHER_CLIENT,
              31_010,
              s + 5_000 + random.nextInt(25_000));
      case SOFT_DELETE -> down(i, s, VirtualAppStatus.USER_ABANDON, 31_029, -1);
      case RELEASE -> {
        add(new Change(s, i, VirtualAppStatus.SIGN_OUT, 0, false, null));
        add(new Change(s + 1_000, i, VirtualAppStatus.CONNECTING, 0, false, version));
        add(new Change(s + 1_300, i, VirtualAppStatus.CONNECTED, 0, false, version));
      }
    }
  }

  private void down(int i, long at, VirtualAppStatus status, int code, long backAt) {
    add(new Change(at, i, status, code, false, null));
    if (backAt > 0) {
      add(new Change(backAt, i, VirtualAppStatus.CONNECTING, 0, false, null));
      add(new Change(backAt + 300, i, VirtualAppStatus.CONNECTED, 0, false, null));
    }
  }

  void tick() {
    long now = clock.millis();
    owed += rate * TICK.toMillis() / 1000.0;
    while (owed >= 1 && apps.length > 0) {
      owed -= 1;
      int i = random.nextInt(apps.length);
      if (idle(i)) {
        schedule(i, VirtualAppIncident.BLIP, now, 0, null);
      }
    }
    Change c;
    while ((c = due.peek()) != null && c.atMillis() <= now) {
      due.poll();
      apps[c.app()].pending--;
      apply(c);
    }
    reporter.flush();
  }

  private void apply(Change c) {
    App app = apps[c.app()];
    VirtualAppStatus previous = app.status;
    if (previous == c.status()) {
      return;
    }
    if (c.version() != null && !c.version().equals(app.version)) {
      app.version = c.version();
    }
    long now = clock.millis();
    if (c.refresh()) {
      event(
          app,
          new JsonObject().put("type", "token_refresh").put("at", now).put("outcome", "success"));
    }
    if (c.status() == VirtualAppStatus.CONNECTING
        && previous != null
        && previous != VirtualAppStatus.SIGN_OUT) {
      app.attempt++;
      event(
          app,
          new JsonObject().put("type", "reconnect").put("at", now).put("attempt", app.attempt));
    }
    event(
        app,
        new JsonObject()
            .put("type", "status")
            .put("at", now)
            .put("status", c.status().wireValue(app.platform))
            .put("errorCode", c.errorCode()));
    if (c.status() == VirtualAppStatus.CONNECTED) {
      app.attempt = 0;
      app.sessionId = new UUID(random.nextLong(), random.nextLong()).toString();
      presence(app, PresenceStatus.CONNECTED, now);
      if (!"web".equals(app.platform) && (!app.databaseOpened || c.version() != null)) {
        app.databaseOpened = true;
        event(
            app,
            new JsonObject()
                .put("type", "database_opened")
                .put("at", now)
                .put("isRecreated", c.version() != null)
                .put("errorCode", 0));
      }
    } else if (previous == VirtualAppStatus.CONNECTED) {
      presence(
          app,
          c.status() == VirtualAppStatus.SIGN_OUT
              ? PresenceStatus.LOGGED_OUT
              : PresenceStatus.DISCONNECTED,
          now);
    }
    if (previous != null) {
      counts.merge(previous, -1, Integer::sum);
    }
    counts.merge(c.status(), 1, Integer::sum);
    app.status = c.status();
  }

  private void event(App app, JsonObject event) {
    reporter.add(app.userId, app.platform, app.version, rates.sdkVersion(), event);
  }

  private void presence(App app, PresenceStatus status, long now) {
    webhooks.offer(
        new PresenceItem(
            app.userId, status, PresenceItem.osOf(app.platform), now, "10.0.0.1", app.sessionId));
  }

  /** Apps per status right now (only statuses some app is in). */
  Map<VirtualAppStatus, Integer> statusCounts() {
    Map<VirtualAppStatus, Integer> copy = new EnumMap<>(VirtualAppStatus.class);
    counts.forEach(
        (s, n) -> {
          if (n > 0) {
            copy.put(s, n);
          }
        });
    return copy;
  }

  VirtualAppReporter reporter() {
    return reporter;
  }

  PresenceWebhookSender webhooks() {
    return webhooks;
  }

  int size() {
    return apps.length;
  }
}
