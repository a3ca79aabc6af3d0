package dev.nexconn.exporter.metrics;

import static dev.nexconn.exporter.support.PrometheusText.samples;
import static dev.nexconn.exporter.support.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectCompleted;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.HeartbeatMeasured;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.event.PresenceChanged.Presence;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import dev.nexconn.exporter.support.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMetricsTest {
  static final Instant AT = Instant.parse("2026-11-28T07:00:00Z");
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  EventMetrics bind(LabelLimits limits) {
    EventMetrics m = new EventMetrics(limits);
    m.bindTo(registry);
    return m;
  }

  /**
   * The summed count of the counters named {@code name} (Micrometer name) with {@code tags}, read
   * from the registry; fails when none is registered.
   */
  double count(String name, String... tags) {
    return registry.get(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  static StatusChanged sdk(String version, ConnectionStatus to) {
    return new StatusChanged(
        EventSource.SDK, AT, new Dimensions(Platform.IOS, version, ""), "", "", null, to, 0);
  }

  @Test
  void everyAlertSignalExistsAtZeroBeforeTheFirstEvent() {
    EventMetrics m = bind(LabelLimits.DEFAULT);
    String text = registry.scrape();
    for (String to :
        List.of(
            "disconn_exception",
            "kicked_offline_by_other_client",
            "token_incorrect",
            "user_abandon")) {
      for (String source : List.of("probe", "sdk")) {
        assertThat(
                samples(text, "nexconn_connection_status_transitions_total").entrySet().stream()
                    .filter(
                        e ->
                            e.getKey().contains("source=\"" + source + "\"")
                                && e.getKey().contains("to=\"" + to + "\"")))
            .as("%s transitions into %s before any event", source, to)
            .isNotEmpty()
            .allSatisfy(e -> assertThat(e.getValue()).isZero());
      }
    }
    for (String reason : List.of("incorrect", "expired")) {
      assertThat(samples(text, "nexconn_token_failures_total").keySet())
          .anySatisfy(k -> assertThat(k).contains("reason=\"" + reason + "\""));
    }
    for (String recreated : List.of("true", "false")) {
      assertThat(samples(text, "nexconn_database_opened_total").keySet())
          .anySatisfy(k -> assertThat(k).contains("recreated=\"" + recreated + "\""));
    }
    // The first status of an SDK batch lands in a pre-registered series, so increase() sees it.
    int before = samples(text, "nexconn_connection_status_transitions_total").size();
    m.onEvent(sdk("5.2.1", ConnectionStatus.DISCONN_EXCEPTION));
    String after = registry.scrape();
    assertThat(samples(after, "nexconn_connection_status_transitions_total")).hasSize(before);
    assertThat(count(MetricNames.STATUS_TRANSITIONS, "source", "sdk", "to", "disconn_exception"))
        .isEqualTo(1);
  }

  @Test
  void sdkStatusReportsCountByPlatformAppVersionAndStatus() {
    EventMetrics m = bind(LabelLimits.DEFAULT);
    m.onEvent(sdk("5.2.1", ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT));
    m.onEvent(sdk("5.2.1", ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT));
    String text = registry.scrape();
    assertThat(
            count(
                MetricNames.SDK_STATUS_REPORTS,
                "platform",
                "ios",
                "app_version",
                "5.2.1",
                "status",
                "kicked_offline_by_other_client"))
        .isEqualTo(2);
    assertThat(
            count(
                MetricNames.STATUS_TRANSITIONS,
                "source",
                "sdk",
                "from",
                "none",
                "to",
                "kicked_offline_by_other_client",
                "platform",
                "ios"))
        .isEqualTo(2);
  }

  @Test
  void appVersionsBeyondTheFirstNSeenBecomeOther() {
    EventMetrics m = bind(new LabelLimits(List.of(), 2, 2000));
    for (String v : List.of("1.0", "1.1", "1.2", "1.3", "1.0")) {
      m.onEvent(sdk(v, ConnectionStatus.CONNECTED));
    }
    String text = registry.scrape();
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "1.0")).isEqualTo(2);
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "1.1")).isEqualTo(1);
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "other")).isEqualTo(2);
    assertThat(text).doesNotContain("app_version=\"1.2\"");
  }

  @Test
  void aVersionNobodyRunsAnyMoreLosesItsLabelToTheNewTopVersionAtTheNextRanking() {
    ManualClock clock = new ManualClock(AT);
    EventMetrics m = new EventMetrics(new LabelLimits(List.of(), 2, 2000), clock);
    m.bindTo(registry);
    m.onEvent(sdk("1.0", ConnectionStatus.CONNECTED));
    m.onEvent(sdk("1.1", ConnectionStatus.CONNECTED));
    for (int i = 0; i < 3; i++) {
      m.onEvent(sdk("1.2", ConnectionStatus.CONNECTED));
      m.onEvent(sdk("1.1", ConnectionStatus.CONNECTED));
    }
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "other")).isEqualTo(3);
    clock.advance(AppVersionRanking.PERIOD);
    m.onEvent(sdk("1.2", ConnectionStatus.CONNECTED));
    m.onEvent(sdk("1.0", ConnectionStatus.CONNECTED));
    String text = registry.scrape();
    assertThat(text).doesNotContain("app_version=\"1.0\"");
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "1.2")).isEqualTo(1);
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "1.1")).isEqualTo(4);
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "other")).isEqualTo(4);
    assertThat(
            registry.find("nexconn.sdk.status.reports").counters().stream()
                .map(c -> c.getId().getTag("app_version"))
                .distinct())
        .containsExactlyInAnyOrder("1.1", "1.2", "other");
  }

  @Test
  void anAllowListKeepsOnlyTheListedVersions() {
    EventMetrics m = bind(new LabelLimits(List.of("2.0"), 20, 2000));
    m.onEvent(sdk("2.0", ConnectionStatus.CONNECTED));
    m.onEvent(sdk("1.9", ConnectionStatus.CONNECTED));
    m.onEvent(sdk("", ConnectionStatus.CONNECTED));
    String text = registry.scrape();
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "2.0")).isEqualTo(1);
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "other")).isEqualTo(1);
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "app_version", "none")).isEqualTo(1);
  }

  @Test
  void theSeriesCapFoldsNewCombinationsAndCountsThem() {
    EventMetrics m = bind(new LabelLimits(List.of(), 100, 10));
    ConnectionStatus[] statuses = ConnectionStatus.values();
    for (int i = 0; i < 13; i++) {
      m.onEvent(sdk("1.0", statuses[i]));
    }
    String text = registry.scrape();
    assertThat(
            registry.find("nexconn.sdk.status.reports").counters().stream()
                .filter(c -> !"other".equals(c.getId().getTag("status"))))
        .hasSize(10);
    assertThat(count(MetricNames.SDK_STATUS_REPORTS, "status", "other")).isEqualTo(3);
    assertThat(count(MetricNames.SERIES_FOLDED, "metric", "nexconn_sdk_status_reports_total"))
        .isEqualTo(3);
  }

  @Test
  void presenceCountsByOsAndFoldsUnknownOs() {
    EventMetrics m = bind(LabelLimits.DEFAULT);
    m.onEvent(
        new PresenceChanged(
            EventSource.WEBHOOK, AT, new Dimensions(null, "", "iOS"), Presence.LOGGED_OUT));
    m.onEvent(
        new PresenceChanged(
            EventSource.WEBHOOK, AT, new Dimensions(null, "", "BeOS"), Presence.CONNECTED));
    String text = registry.scrape();
    assertThat(count(MetricNames.PRESENCE_CHANGES, "os", "ios", "presence", "logged_out"))
        .isEqualTo(1);
    assertThat(count(MetricNames.PRESENCE_CHANGES, "os", "other", "presence", "connected"))
        .isEqualTo(1);
    assertThat(registry.find("nexconn.presence.changes").counters()).hasSize(15);
  }

  @Test
  void tokenDatabaseAndTimingEventsMoveTheirSeries() {
    EventMetrics m = bind(LabelLimits.DEFAULT);
    Dimensions android = new Dimensions(Platform.ANDROID, "5.2.1", "");
    m.onEvent(new TokenFailure(EventSource.SDK, AT, android, TokenFailure.Reason.EXPIRED));
    m.onEvent(
        new TokenRefresh(EventSource.PROBE, AT, Dimensions.PROBE, TokenRefresh.Outcome.FAILURE));
    m.onEvent(new DatabaseOpened(EventSource.SDK, AT, android, true, 0));
    m.onEvent(new DatabaseOpened(EventSource.PROBE, AT, Dimensions.PROBE, false, 0));
    m.onEvent(
        new ConnectCompleted(
            EventSource.PROBE,
            AT,
            Dimensions.PROBE,
            "g/p1",
            Duration.ofMillis(120),
            Duration.ofSeconds(3)));
    m.onEvent(
        new HeartbeatMeasured(
            EventSource.PROBE, AT, Dimensions.PROBE, "g/p1", Duration.ofMillis(7)));
    String text = registry.scrape();
    assertThat(count(MetricNames.TOKEN_FAILURES, "source", "sdk", "reason", "expired"))
        .isEqualTo(1);
    assertThat(count(MetricNames.TOKEN_REFRESHES, "source", "probe", "outcome", "failure"))
        .isEqualTo(1);
    assertThat(
            count(
                MetricNames.DATABASE_OPENED,
                "source",
                "sdk",
                "recreated",
                "true",
                "platform",
                "android",
                "app_version",
                "5.2.1"))
        .isEqualTo(1);
    assertThat(
            count(
                MetricNames.DATABASE_OPENED,
                "source",
                "probe",
                "recreated",
                "false",
                "app_version",
                "none"))
        .isEqualTo(1);
    assertThat(value(text, "nexconn_connect_duration_seconds_bucket", "le", "0.25")).isEqualTo(1);
    assertThat(value(text, "nexconn_connect_duration_seconds_bucket", "le", "0.1")).isEqualTo(0);
    assertThat(value(text, "nexconn_reconnect_recovery_seconds_bucket", "le", "4.0")).isEqualTo(1);
    assertThat(value(text, "nexconn_reconnect_recovery_seconds_bucket", "le", "2.0")).isEqualTo(0);
    assertThat(value(text, "nexconn_heartbeat_rtt_seconds_count")).isEqualTo(1);
  }

  @Test
  void probeGaugeFollowsTransitionsAndNoUserIdBecomesALabel() {
    EventMetrics m = bind(LabelLimits.DEFAULT);
    m.onEvent(
        new StatusChanged(
            EventSource.PROBE,
            AT,
            Dimensions.PROBE,
            "g/probe-1",
            "probe-1",
            null,
            ConnectionStatus.CONNECTING,
            0));
    m.onEvent(
        new StatusChanged(
            EventSource.PROBE,
            AT,
            Dimensions.PROBE,
            "g/probe-1",
            "probe-1",
            ConnectionStatus.CONNECTING,
            ConnectionStatus.CONNECTED,
            0));
    String text = registry.scrape();
    assertThat(value(text, "nexconn_connections", "status", "connected")).isEqualTo(1);
    assertThat(value(text, "nexconn_connections", "status", "connecting")).isEqualTo(0);
    assertThat(text).doesNotContain("probe-1");
  }
}
