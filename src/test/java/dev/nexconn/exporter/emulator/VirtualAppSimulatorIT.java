package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.support.ManualClock;
import dev.nexconn.exporter.support.WebhookTestReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet simulator against a tiny fake sidecar: reports follow the ingest contract, per platform
 * codes are right, incidents show up, presence webhooks are sent. Time is a manual clock and ticks
 * are driven by hand.
 */
class VirtualAppSimulatorIT {
  private Vertx vertx;
  private WebhookTestReceiver sidecar;
  private ManualClock clock;
  private VirtualAppSimulator fleet;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    sidecar = new WebhookTestReceiver(vertx, 202);
    clock = new ManualClock(Instant.parse("2026-11-28T07:00:00Z"));
    fleet =
        new VirtualAppSimulator(
            vertx,
            WebClient.create(vertx),
            VirtualAppOptions.forSidecar(sidecar.url(""), "key-1", "hook-1"),
            clock,
            new SplittableRandom(3));
    fleet.reset(RATES);
  }

  private static final VirtualAppRates RATES =
      new VirtualAppRates(
          30,
          0,
          Map.of("ios", 1, "android", 1, "web", 1),
          List.of("5.2.0"),
          "5.10.0",
          Duration.ofSeconds(10));

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private void run(Duration d) {
    for (long t = 0; t < d.toMillis(); t += VirtualAppSimulator.TICK.toMillis()) {
      clock.advance(VirtualAppSimulator.TICK);
      fleet.tick();
    }
  }

  private Stream<JsonObject> reports() {
    return sidecar.received().stream()
        .filter(r -> r.path().equals("/api/v1/events"))
        .map(WebhookTestReceiver.Received::body);
  }

  /** The statuses of one report as labels, whatever the platform's wire form (10, 1, "suspend"). */
  private static List<String> statusLabels(JsonObject report) {
    String platform = report.getJsonObject("app").getString("platform");
    return report.getJsonArray("events").stream()
        .map(o -> (JsonObject) o)
        .filter(e -> e.getString("type").equals("status"))
        .map(
            e ->
                Stream.of(VirtualAppStatus.values())
                    .filter(v -> v.wireValue(platform).equals(e.getValue("status")))
                    .findFirst()
                    .orElseThrow()
                    .label())
        .toList();
  }

  private Stream<JsonObject> events(String platform) {
    return reports()
        .filter(r -> r.getJsonObject("app").getString("platform").equals(platform))
        .flatMap(r -> r.getJsonArray("events").stream().map(o -> (JsonObject) o));
  }

  @Test
  void everyAppConnectsAndReportsWithTheBearerKey() {
    run(Duration.ofSeconds(11));
    assertThat(fleet.statusCounts()).containsEntry(VirtualAppStatus.CONNECTED, 30);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> fleet.reporter().reportCount() >= 3 && sidecar.received().size() >= 3);
    WebhookTestReceiver.Received first =
        sidecar.received().stream()
            .filter(r -> r.path().equals("/api/v1/events"))
            .findFirst()
            .orElseThrow();
    assertThat(first.authorization()).isEqualTo("Bearer key-1");
    assertThat(first.body().getString("batchId")).isNotBlank();
    assertThat(first.body().getJsonObject("app").getString("sdkVersion")).isEqualTo("5.10.0");
    assertThat(events("android").filter(e -> e.getString("type").equals("database_opened")))
        .isNotEmpty()
        .allMatch(e -> !e.getBoolean("isRecreated"));
    assertThat(events("web").filter(e -> e.getString("type").equals("database_opened"))).isEmpty();
  }

  @Test
  void aKickStormReportsPerPlatformCodes() {
    run(Duration.ofSeconds(11));
    fleet.incident(VirtualAppIncident.KICK, 100, Duration.ofSeconds(2), Duration.ZERO, null);
    run(Duration.ofSeconds(4));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                events("web").filter(this::kicked).count() == 10
                    && events("ios")
                            .filter(e -> Integer.valueOf(6).equals(e.getValue("status")))
                            .count()
                        == 10);
    assertThat(events("android").filter(e -> Integer.valueOf(3).equals(e.getValue("status"))))
        .isNotEmpty()
        .allMatch(e -> e.getInteger("errorCode") == 31010);
    assertThat(events("ios").filter(e -> Integer.valueOf(6).equals(e.getValue("status"))))
        .hasSize(10);
    assertThat(fleet.statusCounts())
        .containsEntry(VirtualAppStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, 30);
  }

  private boolean kicked(JsonObject e) {
    return "kicked_offline_by_other_client".equals(e.getValue("status"));
  }

  @Test
  void aReleaseCausesADatabaseRecreateWaveOnTheNewVersion() {
    run(Duration.ofSeconds(11));
    fleet.incident(VirtualAppIncident.RELEASE, 100, Duration.ofSeconds(1), Duration.ZERO, "5.3.0");
    run(Duration.ofSeconds(4));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                reports()
                        .filter(r -> r.getJsonObject("app").getString("appVersion").equals("5.3.0"))
                        .flatMap(r -> r.getJsonArray("events").stream())
                        .filter(o -> ((JsonObject) o).getBoolean("isRecreated", false))
                        .count()
                    == 20);
  }

  @Test
  void presenceWebhooksCarryTheSecretAndOsNames() {
    run(Duration.ofSeconds(11));
    fleet.webhooks().flush();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                sidecar.received().stream()
                    .anyMatch(r -> r.path().equals("/api/v1/webhooks/nexconn")));
    WebhookTestReceiver.Received hook =
        sidecar.received().stream()
            .filter(r -> r.path().equals("/api/v1/webhooks/nexconn"))
            .findFirst()
            .orElseThrow();
    assertThat(hook.secretHeader()).isEqualTo("hook-1");
    assertThat(hook.body().getJsonArray("data").stream().map(o -> ((JsonObject) o).getString("os")))
        .isSubsetOf("iOS", "Android", "Websocket")
        .contains("iOS", "Android", "Websocket");
  }

  @Test
  void aRateLimitedReportIsResentWithTheSameBatchIdAfterRetryAfter() {
    sidecar.failNext(1, 429);
    clock.advance(VirtualAppSimulator.TICK);
    fleet.tick();
    run(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.reporter().rateLimitedCount() == 1);
    assertThat(fleet.reporter().rate()).isLessThan(VirtualAppOptions.DEFAULT_BATCHES_PER_SECOND);
    String refusedId = sidecar.refused().get(0).getString("batchId");
    run(Duration.ofSeconds(2));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> reports().anyMatch(r -> r.getString("batchId").equals(refusedId)));
    assertThat(fleet.reporter().failedCount()).isZero();
  }

  @Test
  void eachReportCarriesOneDevicesEventsInOrder() {
    run(Duration.ofSeconds(11));
    await().atMost(Duration.ofSeconds(5)).until(() -> events("ios").count() >= 20);
    List<List<Object>> statusesPerReport =
        reports()
            .map(
                r ->
                    r.getJsonArray("events").stream()
                        .map(o -> (JsonObject) o)
                        .filter(e -> e.getString("type").equals("status"))
                        .map(e -> e.getValue("status"))
                        .toList())
            .toList();
    assertThat(statusesPerReport).allMatch(l -> l.size() <= 2);
    assertThat(statusesPerReport)
        .allMatch(l -> l.size() < 2 || !l.get(0).equals(l.get(1)), "no repeated status");
  }

  @Test
  void incidentsNeverLandOnAnAppInTheMiddleOfAnotherEpisode() {
    run(Duration.ofSeconds(11));
    fleet.rate(8);
    run(Duration.ofSeconds(2));
    fleet.incident(VirtualAppIncident.KICK, 30, Duration.ofSeconds(3), Duration.ZERO, null);
    fleet.incident(VirtualAppIncident.BAN, 40, Duration.ofSeconds(3), Duration.ofSeconds(2), null);
    fleet.incident(VirtualAppIncident.TOKEN_EXPIRY, 60, Duration.ofSeconds(3), Duration.ZERO, null);
    run(Duration.ofSeconds(40));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> reports().count() == fleet.reporter().reportCount());
    List<String> down =
        List.of(
            "suspend",
            "proxy_unavailable",
            "token_incorrect",
            "disconn_exception",
            "kicked_offline_by_other_client",
            "sign_out");
    List<List<String>> statuses = reports().map(VirtualAppSimulatorIT::statusLabels).toList();
    List<String> pairs =
        statuses.stream()
            .flatMap(
                s ->
                    java.util.stream.IntStream.range(1, s.size())
                        .mapToObj(i -> s.get(i - 1) + " -> " + s.get(i)))
            .toList();
    assertThat(statuses.stream().flatMap(List::stream))
        .contains("kicked_offline_by_other_client", "disconn_exception", "token_incorrect");
    assertThat(pairs).contains("connected -> suspend", "suspend -> connecting");
    assertThat(pairs)
        .allMatch(
            p ->
                p.equals("connecting -> connected")
                    || down.stream().anyMatch(d -> p.equals("connected -> " + d))
                    || p.equals("connected -> user_abandon")
                    || down.stream().anyMatch(d -> p.equals(d + " -> connecting")),
            "only sequences an SDK produces");
  }

  /**
   * A scenario replaces the fleet: the next fleet's app of the same id is another device, so its
   * first events never join a report still holding the old app's last ones (which would report
   * {@code connecting -> connecting}).
   */
  @Test
  void aNewFleetsEventsNeverShareAReportWithTheOldFleets() {
    // Every app connects within a second, so at each reset most hold events not yet sent.
    VirtualAppRates quick =
        new VirtualAppRates(
            30, 0, RATES.platforms(), RATES.appVersions(), "5.10.0", Duration.ofSeconds(1));
    fleet.reset(quick);
    for (int round = 0; round < 3; round++) {
      run(Duration.ofMillis(750));
      fleet.reset(quick);
    }
    run(Duration.ofSeconds(12));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> reports().count() == fleet.reporter().reportCount());
    // No blips and no incidents: each device of each fleet connects once, so a report with two
    // connects mixes two devices.
    assertThat(reports())
        .allSatisfy(
            r -> {
              Object connecting =
                  VirtualAppStatus.CONNECTING.wireValue(
                      r.getJsonObject("app").getString("platform"));
              assertThat(
                      r.getJsonArray("events").stream()
                          .map(o -> (JsonObject) o)
                          .filter(e -> e.getString("type").equals("status"))
                          .filter(e -> connecting.equals(e.getValue("status"))))
                  .as("connects in one report: %s", r.getJsonArray("events"))
                  .hasSizeLessThanOrEqualTo(1);
            });
  }
}
