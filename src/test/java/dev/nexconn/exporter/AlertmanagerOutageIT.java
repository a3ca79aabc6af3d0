package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.support.AlertmanagerProcess;
import dev.nexconn.exporter.support.NoBlockedThreads;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian's 0.25) killed for minutes while the sidecar raises alerts: nothing
 * raised meanwhile is lost within the queue bound, and everything arrives within one {@code
 * maxBackoff} of its return.
 *
 * <p>The sidecar runs in this JVM with the shipped delivery schedule (backoff 500 ms doubling to 30
 * s) and SDK reports posted to its ingest endpoint as the only traffic. Alertmanager is killed with
 * SIGKILL; during the outage ({@code -Dnexconn.alertmanagerOutageSeconds}, default 120) three rules
 * fire: {@code NexconnKickSpike} at once, {@code NexconnBanSpike} (5 s window) a little later,
 * which then resolves while Alertmanager is still down, and {@code NexconnUserAbandonSpike}
 * half-way. Then a fresh Alertmanager (storage deleted) starts on the same port.
 *
 * <p>Bound on delivery: the queue's next attempt is at most {@code maxBackoff} (30 s) after the
 * previous failed one, and attempts run on the detector's tick ({@code bucket}, 1 s), so every
 * alert is in Alertmanager within 31 s of its return; 35 s are allowed for a loaded machine.
 *
 * <p>Queue bound: each receiver's queue holds one snapshot per alert name, so at most 3 entries are
 * queued here (the other rules are disabled); {@code queueCapacity: 4} is larger than that, so
 * {@code dropped} must stay 0. A drop would mean the queue lost an alert it had room for.
 */
@ExtendWith(NoBlockedThreads.class)
class AlertmanagerOutageIT {
  /** How long Alertmanager stays down; the suite budget allows about 2.5 min for this class. */
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("nexconn.alertmanagerOutageSeconds", 120));

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  private static final Duration BUCKET = Duration.ofSeconds(1);
  private static final Duration DELIVERY_BOUND = MAX_BACKOFF.plus(BUCKET).plusSeconds(4);
  private static final String KICK = "NexconnKickSpike";
  private static final String BAN = "NexconnBanSpike";
  private static final String ABANDON = "NexconnUserAbandonSpike";
  private static final String NOTIFICATIONS = "nexconn_alert_notifications_total";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String apiKey = "outage-it-key-" + Long.toHexString(System.nanoTime());
  private final Map<String, String> env =
      Map.of("POD_NAME", "nexconn-exporter-outage-0", "OUTAGE_IT_INGEST_API_KEY", apiKey);
  private AlertmanagerProcess am;
  private Vertx vertx;
  private ExporterApp app;
  private int batches;

  @AfterEach
  void stopAll() throws Exception {
    try {
      if (app != null) {
        app.stop().await(10, TimeUnit.SECONDS);
      }
    } finally {
      try {
        if (vertx != null) {
          vertx.close().await(10, TimeUnit.SECONDS);
        }
      } finally {
        if (am != null) {
          am.stop();
        }
      }
    }
  }

  @Test
  void alertsRaisedDuringAMinutesLongOutageAllArriveWithinOneMaxBackoffAndNoneIsDropped() {
    assertTimeoutPreemptively(OUTAGE.plus(DELIVERY_BOUND).plusSeconds(60), this::outage);
  }

  private void outage() throws Exception {
    am = AlertmanagerProcess.start(dir);
    vertx = Vertx.vertx();
    startSidecar();
    // One rise of the failure counter is one failed request (one in flight per receiver).
    List<Instant> failures = new CopyOnWriteArrayList<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    double[] seen = {0};
    AtomicReference<Throwable> samplerError = new AtomicReference<>();
    sampler.scheduleAtFixedRate(
        () -> {
          try {
            double now = notifications(app.registry().scrape(), "failure");
            if (now > seen[0]) {
              failures.add(Instant.now());
              seen[0] = now;
            }
          } catch (RuntimeException | AssertionError e) {
            samplerError.compareAndSet(null, e);
          }
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
    try {
      run(failures);
    } finally {
      sampler.shutdownNow();
    }
    assertThat(samplerError.get()).as("sampling the failure counter").isNull();
  }

  private void run(List<Instant> failures) throws Exception {
    am.kill();
    Instant down = Instant.now();
    post(20, "kicked_offline_by_other_client", 31010);
    awaitState(KICK, "firing", 5);

    sleepUntil(down.plus(OUTAGE.dividedBy(12)));
    post(20, "disconn_exception", 31011); // a ban
    awaitState(BAN, "firing", 5);
    // Its 5 s window empties while Alertmanager is still down.
    awaitState(BAN, "resolved", 10);

    sleepUntil(down.plus(OUTAGE.dividedBy(2)));
    post(20, "user_abandon", 31029); // accounts deactivated
    awaitState(ABANDON, "firing", 5);

    sleepUntil(down.plus(OUTAGE));
    String during = app.registry().scrape();
    assertThat(notifications(during, "success")).as("nothing delivered while down").isZero();
    assertThat(notifications(during, "dropped")).isZero();
    assertThat(state(BAN)).as("resolved during the outage").isEqualTo("resolved");

    am.restartFresh();
    Instant back = Instant.now();
    Map<String, Duration> arrived = new LinkedHashMap<>();
    await()
        .atMost(DELIVERY_BOUND)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (String name : activeNames()) {
                arrived.putIfAbsent(name, Duration.between(back, Instant.now()));
              }
              return arrived.keySet().containsAll(List.of(KICK, ABANDON));
            });
    System.out.printf(
        "AlertmanagerOutageIT: failed attempts at %s s after the kill; back (ready) after %d ms;"
            + " active in Alertmanager after its return: %s%n",
        failures.stream()
            .map(t -> String.format("%.1f", Duration.between(down, t).toMillis() / 1000.0))
            .toList(),
        Duration.between(down, back).toMillis(),
        arrived.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().toMillis() + " ms")
            .collect(Collectors.joining(", ")));

    // The firing ones are active with endsAt ahead (now + 4 x resendInterval) and their start
    // inside the outage; the resolved one arrived as resolved (endsAt passed), so Alertmanager
    // counts it received but does not list it as active.
    for (String name : List.of(KICK, ABANDON)) {
      JsonObject a = inAlertmanager(name);
      assertThat(Instant.parse(a.getString("startsAt"))).isAfter(down.minusSeconds(1));
      assertThat(Instant.parse(a.getString("endsAt"))).isAfter(Instant.now());
      assertThat(a.getJsonObject("labels").getString("pod")).isEqualTo(env.get("POD_NAME"));
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> received(am.metrics(), "resolved") >= 1 && received(am.metrics(), "firing") >= 2);
    assertThat(activeNames()).doesNotContain(BAN);

    String after = app.registry().scrape();
    assertThat(notifications(after, "dropped")).as("dropped within the queue bound").isZero();
    assertThat(notifications(after, "rejected")).isZero();
    assertThat(notifications(after, "success")).isGreaterThanOrEqualTo(3);
    double failed = notifications(after, "failure");
    assertThat(failed).as("failed deliveries counted").isPositive();
    // Backoff, not a retry per tick: each wait at least its step of the schedule (less the 100 ms
    // sampling on either side), so at most one attempt per step, each with at most the 3 alerts.
    Duration step = INITIAL_BACKOFF;
    for (int i = 1; i < failures.size(); i++) {
      assertThat(Duration.between(failures.get(i - 1), failures.get(i)))
          .as("wait before failed attempt %d", i + 1)
          .isGreaterThanOrEqualTo(step.minusMillis(250));
      step = step.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : step.multipliedBy(2);
    }
    int attempts = maxAttempts(Duration.between(down, back));
    assertThat(failures.size()).as("failed attempts").isBetween(3, attempts);
    assertThat(failed).isLessThanOrEqualTo(3.0 * attempts);
  }

  private static void sleepUntil(Instant t) throws InterruptedException {
    long ms = Duration.between(Instant.now(), t).toMillis();
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  /** Attempts an outage of {@code span} allows at most: the first, then one per backoff step. */
  private static int maxAttempts(Duration span) {
    int n = 1;
    Duration t = Duration.ZERO;
    Duration step = INITIAL_BACKOFF;
    while (true) {
      t = t.plus(step);
      if (t.compareTo(span) > 0) {
        return n;
      }
      n++;
      step = step.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : step.multipliedBy(2);
    }
  }

  private void startSidecar() throws Exception {
    String yaml =
        """
        http: {host: 127.0.0.1, port: 0}
        ingest:
          apiKeysEnv: OUTAGE_IT_INGEST_API_KEY
        alerting:
          bucket: 1s
          resendInterval: 1m
          alertmanagers:
            - name: am
              url: %s
          delivery:
            # more than the 3 alerts that can be queued: nothing may be dropped
            queueCapacity: 4
            initialBackoff: 500ms
            maxBackoff: 30s
            timeout: 10s
          rules:
            # floor only (ratio 0): no baseline to wait for
            - {name: NexconnKickSpike, window: 10m, floor: 10, ratio: 0, for: 0s}
            - {name: NexconnBanSpike, window: 5s, floor: 10, ratio: 0, for: 0s}
            - {name: NexconnUserAbandonSpike, window: 10m, floor: 10, ratio: 0, for: 0s}
            - {name: NexconnTokenExpiryWave, enabled: false}
            - {name: NexconnDatabaseRecreateWave, enabled: false}
            - {name: NexconnProbesDown, enabled: false}
        """
            .formatted(am.baseUrl());
    ExporterConfig config = ConfigLoader.parse(yaml, env::get);
    app = ExporterApp.start(vertx, config, env::get).await(20, TimeUnit.SECONDS);
  }

  /** Posts {@code n} SDK reports of a transition to {@code status} with {@code code}. */
  private void post(int n, String status, int code) throws Exception {
    long at = Instant.now().toEpochMilli();
    String events =
        IntStream.range(0, n)
            .mapToObj(
                i ->
                    "{\"type\":\"status\",\"at\":%d,\"status\":\"%s\",\"errorCode\":%d}"
                        .formatted(at, status, code))
            .collect(Collectors.joining(","));
    String body =
        "{\"batchId\":\"outage-%d\",\"app\":{\"platform\":\"android\",\"appVersion\":\"7.4.0\"},\"events\":[%s]}"
            .formatted(++batches, events);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sidecar("/api/v1/events")))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(new JsonObject(r.body()).getInteger("rejected")).as(r.body()).isZero();
  }

  private void awaitState(String alertname, String state, int seconds) {
    await()
        .atMost(Duration.ofSeconds(seconds))
        .until(() -> alert(alertname), a -> state.equals(a.getString("state")));
  }

  private String state(String alertname) throws Exception {
    return alert(alertname).getString("state");
  }

  private JsonObject alert(String alertname) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sidecar("/api/v1/alerts?alertname=" + alertname)))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("alerts").getJsonObject(0);
  }

  private List<String> activeNames() throws Exception {
    JsonArray alerts = am.alerts();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      names.add(alerts.getJsonObject(i).getJsonObject("labels").getString("alertname"));
    }
    return names;
  }

  private JsonObject inAlertmanager(String alertname) throws Exception {
    JsonArray alerts = am.alerts();
    for (int i = 0; i < alerts.size(); i++) {
      JsonObject a = alerts.getJsonObject(i);
      if (alertname.equals(a.getJsonObject("labels").getString("alertname"))) {
        return a;
      }
    }
    throw new AssertionError(alertname + " not in Alertmanager: " + alerts.encode());
  }

  /** Alertmanager's count of alerts received with {@code status} (firing or resolved). */
  private static double received(String amMetrics, String status) {
    String name = "alertmanager_alerts_received_total";
    return PrometheusText.has(amMetrics, name, "status", status)
        ? PrometheusText.value(amMetrics, name, "status", status)
        : 0;
  }

  private static double notifications(String metrics, String outcome) {
    return PrometheusText.value(metrics, NOTIFICATIONS, "outcome", outcome, "receiver", "am");
  }

  private String sidecar(String path) {
    return "http://127.0.0.1:" + app.httpPort() + path;
  }
}
