package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexconn.exporter.event.EventSource;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code alerting} section: defaults, partial overrides, and errors that name the key. */
class AlertingConfigTest {

  private static AlertingConfig parse(String alertingYaml) {
    return ConfigLoader.parse("alerting:\n" + alertingYaml.indent(2), name -> null).alerting();
  }

  @Test
  void defaultsHaveTheSixShippedRulesWithSummaryDescriptionAndRunbook() {
    AlertingConfig config = ConfigLoader.parse("{}", name -> null).alerting();

    assertThat(config.rules())
        .extracting(AlertRuleConfig::name)
        .containsExactly(
            "NexconnBanSpike",
            "NexconnKickSpike",
            "NexconnTokenExpiryWave",
            "NexconnDatabaseRecreateWave",
            "NexconnUserAbandonSpike",
            "NexconnProbesDown");
    assertThat(config.rules())
        .allSatisfy(
            r ->
                assertThat(r.annotations())
                    .containsKeys("summary", "description", "runbook_url", "dashboard_url"));
    assertThat(config.receivers()).isEmpty();
    assertThat(config.bucket()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void ruleNamedLikeADefaultChangesOnlyTheKeysItSets() {
    AlertingConfig config =
        parse(
            """
            rules:
              - name: NexconnBanSpike
                floor: 25
                labels: {team: chat}
            """);

    AlertRuleConfig ban = config.rules().get(0);
    assertThat(ban.floor()).isEqualTo(25);
    assertThat(ban.ratio()).isEqualTo(3);
    assertThat(ban.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(ban.labels()).containsEntry("team", "chat");
    assertThat(ban.annotations()).containsKey("runbook_url");
  }

  @Test
  void newRuleWithASignalIsAdded() {
    AlertingConfig config =
        parse(
            """
            rules:
              - name: AndroidKicks
                signal: kick
                sources: [sdk]
                window: 30s
                baselineWindow: 10m
                for: 0s
            """);

    AlertRuleConfig rule = config.rules().get(6);
    assertThat(rule.signal()).isEqualTo(AlertSignal.KICK);
    assertThat(rule.sources()).containsExactly(EventSource.SDK);
    assertThat(rule.window()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void receiversAreParsedWithDefaultNames() {
    AlertingConfig config =
        parse(
            """
            alertmanagers:
              - url: http://am-0:9093
              - url: http://am-1:9093
            webhooks:
              - name: chatops
                url: https://hooks.example.com/nexconn
            """);

    assertThat(config.receivers())
        .extracting(AlertReceiverConfig::name)
        .containsExactly("alertmanager-0", "alertmanager-1", "chatops");
  }

  static Stream<Arguments> errorsNameTheExactKeyCases() {
    return Stream.of(
        Arguments.of(
            "rules:\n  - name: X\n", "alerting.rules[0].signal: is required for a new rule"),
        Arguments.of(
            "rules:\n  - name: NexconnBanSpike\n    window: 1 minute\n",
            "alerting.rules[0].window: must be a duration such as 500ms, 30s, 5m, 1h or 0s, got"
                + " '1 minute'"),
        Arguments.of(
            "rules:\n  - name: NexconnBanSpike\n    baselineWindow: 30s\n",
            "alerting.rules[0].baselineWindow: must be at least the window (1m)"),
        Arguments.of(
            "rules:\n  - name: NexconnBanSpike\n    flor: 3\n",
            "alerting.rules[0].flor: unknown key; known keys here are"),
        Arguments.of(
            "rules:\n  - name: NexconnBanSpike\n    sources: [app]\n",
            "alerting.rules[0].sources[0]: must be one of probe, sdk, webhook, got 'app'"),
        Arguments.of(
            "rules:\n  - name: NexconnProbesDown\n    floor: 50\n",
            "alerting.rules[0].floor: must be between 0.0 and 1.0, got 50.0"),
        Arguments.of(
            "rules:\n  - name: NexconnProbesDown\n    sources: [sdk]\n",
            "alerting.rules[0].sources: signal probes-down measures"),
        Arguments.of(
            "alertmanagers:\n  - url: alertmanager:9093\n",
            "alerting.alertmanagers[0].url: must be an http:// or https:// URL"),
        Arguments.of(
            "externalLabels: {pod-name: x}\n",
            "alerting.externalLabels.pod-name: is not a valid Prometheus label"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errorsNameTheExactKeyCases")
  void errorsNameTheExactKey(String input, String expected) {
    assertThatThrownBy(() -> parse(input)).hasMessageStartingWith(expected);
  }
}
