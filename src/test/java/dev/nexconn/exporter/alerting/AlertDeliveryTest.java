package dev.nexconn.exporter.alerting;

import static dev.nexconn.exporter.support.AlertEvents.ban;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.AlertingConfig;
import dev.nexconn.exporter.support.ManualClock;
import dev.nexconn.exporter.support.ScriptedAlertSender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delivery to a scripted Alertmanager: re-sends, outage, bounded queue, outcomes on /metrics. */
class AlertDeliveryTest {
  private final ManualClock clock = new ManualClock();
  private final ScriptedAlertSender am = new ScriptedAlertSender();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private AlertingService service(String extraYaml) {
    AlertingConfig config =
        SpikeDetectorTest.config(
            """
            alertmanagers:
              - name: am
                url: http://127.0.0.1:9093
            """
                + extraYaml);
    AlertingService service = new AlertingService(config, clock, Map.of("pod", "p-0"), r -> am);
    service.bindTo(registry);
    // Warm every baseline with an hour of silence.
    tick(service, Duration.ofHours(1));
    return service;
  }

  @Test
  void firingAlertIsSentAtOnceAndResentEveryResendInterval() {
    AlertingService service = service("resendInterval: 20s\n");
    spike(service);

    assertThat(am.delivered()).hasSize(1);
    assertThat(am.delivered().get(0).alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));

    tick(service, Duration.ofSeconds(50));
    assertThat(am.delivered()).hasSize(3);
    assertThat(am.delivered().get(1).at()).isEqualTo(am.delivered().get(0).at().plusSeconds(20));
    assertThat(am.delivered())
        .allSatisfy(d -> assertThat(d.alerts().get(0).state()).isEqualTo(AlertState.FIRING));
  }

  @Test
  void resolveIsSentAndRepeatedWhileRetained() {
    AlertingService service = service("");
    spike(service);
    tick(service, Duration.ofSeconds(70));
    int before = am.delivered().size();

    tick(service, Duration.ofMinutes(3));

    assertThat(am.delivered().subList(before - 1, am.delivered().size()))
        .allSatisfy(d -> assertThat(d.alerts().get(0).state()).isEqualTo(AlertState.RESOLVED))
        .hasSizeGreaterThanOrEqualTo(3);
    tick(service, Duration.ofMinutes(15));
    int after = am.delivered().size();
    tick(service, Duration.ofMinutes(5));
    assertThat(am.delivered()).hasSize(after);
  }

  @Test
  void alertRaisedDuringAFiveMinuteOutageIsDeliveredAfterIt() {
    AlertingService service = service("");
    am.answer(-1);
    spike(service);
    tick(service, Duration.ofMinutes(5));
    assertThat(am.delivered()).isEmpty();
    int attemptsDuringOutage = am.attempts().size();
    // Backoff doubles from 500 ms up to 30 s: about 15 attempts in 5 minutes, not 300.
    assertThat(attemptsDuringOutage).isBetween(8, 25);

    am.answer(200);
    Instant back = clock.instant();
    tick(service, Duration.ofSeconds(31));

    assertThat(am.delivered()).isNotEmpty();
    assertThat(am.delivered().get(0).at()).isBefore(back.plusSeconds(31));
    assertThat(am.delivered().get(0).alerts().get(0).name()).isEqualTo("NexconnBanSpike");
    assertThat(scrape())
        .contains(
            "nexconn_alert_notifications_total{outcome=\"failure\",receiver=\"am\"} "
                + (double) attemptsDuringOutage)
        .containsPattern(
            "nexconn_alert_notifications_total\\{outcome=\"success\",receiver=\"am\"} [1-9]");
  }

  @Test
  void queueBeyondItsBoundDropsTheOldestAndCountsIt() {
    AlertingService service =
        service(
            """
            delivery:
              queueCapacity: 1
            """);
    am.answer(503);
    spike(service);
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofMillis(100));
      service.onEvent(
          dev.nexconn.exporter.support.AlertEvents.sdk(
              dev.nexconn.exporter.event.ConnectionStatus.USER_ABANDON, clock.instant()));
    }
    tick(service, Duration.ofSeconds(5));

    assertThat(scrape())
        .containsPattern(
            "nexconn_alert_notifications_total\\{outcome=\"dropped\",receiver=\"am\"} [1-9]");
    am.answer(200);
    tick(service, Duration.ofSeconds(40));
    assertThat(am.delivered()).isNotEmpty();
  }

  @Test
  void clientErrorIsCountedAsRejectedAndNotRetried() {
    AlertingService service = service("");
    am.answer(400);
    spike(service);
    int attempts = am.attempts().size();
    tick(service, Duration.ofSeconds(30));

    assertThat(am.attempts()).hasSize(attempts);
    assertThat(scrape())
        .contains("nexconn_alert_notifications_total{outcome=\"rejected\",receiver=\"am\"} 1.0");
  }

  @Test
  void stoppedServiceIgnoresEventsSoShutdownSignOutsPageNobody() {
    AlertingService service = service("");
    service.stop();
    spike(service);

    assertThat(am.attempts()).isEmpty();
    assertThat(service.detector().state("NexconnBanSpike")).isEqualTo(AlertState.INACTIVE);
  }

  @Test
  void stateGaugeShowsOneStatePerRule() {
    AlertingService service = service("");
    assertThat(scrape())
        .contains(
            "nexconn_alerts{alertname=\"NexconnBanSpike\",severity=\"critical\",state=\"inactive\"} 1.0")
        .contains(
            "nexconn_alerts{alertname=\"NexconnBanSpike\",severity=\"critical\",state=\"firing\"} 0.0");
    spike(service);
    assertThat(scrape())
        .contains(
            "nexconn_alerts{alertname=\"NexconnBanSpike\",severity=\"critical\",state=\"firing\"} 1.0")
        .contains(
            "nexconn_alerts{alertname=\"NexconnBanSpike\",severity=\"critical\",state=\"inactive\"} 0.0");
  }

  private void spike(AlertingService service) {
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofMillis(100));
      service.onEvent(ban(clock.instant()));
    }
  }

  private void tick(AlertingService service, Duration length) {
    for (long s = 0; s < length.toSeconds(); s++) {
      clock.advance(Duration.ofSeconds(1));
      service.tick();
    }
  }

  private String scrape() {
    return registry.scrape();
  }
}
