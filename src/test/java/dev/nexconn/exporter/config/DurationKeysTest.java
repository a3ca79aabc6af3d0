package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration key reads the one grammar ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}),
 * and each key that took seconds before still reads its {@code *Seconds} alias to the same value.
 */
class DurationKeysTest {
  private static final String BASE =
      """
      upstream:
        url: ws://127.0.0.1:1/v1/connect
        %s
      probes:
        groups:
          - name: g
            users: [a]
            token: {type: static, value: t0k}
            %s
      ingest:
        %s
      shutdown:
        %s
      """;

  private static ExporterConfig parse(String upstream, String group, String ingest, String down) {
    return ConfigLoader.parse(
        BASE.formatted(upstream, group, ingest, down), Map.<String, String>of()::get);
  }

  /** Where the key sits (upstream, group, ingest, shutdown), its new spelling, its alias. */
  static Stream<Arguments> keys() {
    Function<ExporterConfig, ProbeGroupConfig> g = c -> c.probeGroups().get(0);
    return Stream.of(
        key(
            0,
            "connAckTimeout: 1500ms",
            "connAckTimeoutSeconds: 1.5",
            c -> c.upstream().connAckTimeout()),
        key(1, "timeout: 30s", "timeoutSeconds: 30", c -> g.apply(c).timeout()),
        key(
            1,
            "heartbeatInterval: 2500ms",
            "heartbeatIntervalSeconds: 2.5",
            c -> g.apply(c).heartbeatInterval()),
        key(
            1,
            "heartbeatTimeout: 1s",
            "heartbeatTimeoutSeconds: 1",
            c -> g.apply(c).heartbeatTimeout()),
        key(
            1,
            "tokenRefresh: {window: 1m}",
            "tokenRefresh: {windowSeconds: 60}",
            c -> g.apply(c).tokenRefresh().window()),
        key(
            2,
            "idempotency: {window: 2m}",
            "idempotency: {windowSeconds: 120}",
            c -> c.ingest().idempotencyWindow()),
        key(2, "maxEventAge: 1d", "maxEventAgeSeconds: 86400", c -> c.ingest().maxEventAge()),
        key(2, "maxClockSkew: 90s", "maxClockSkewSeconds: 90", c -> c.ingest().maxClockSkew()),
        key(3, "grace: 5s", "graceSeconds: 5", c -> c.shutdownGrace()));
  }

  private static Arguments key(
      int place, String spelled, String alias, Function<ExporterConfig, Duration> read) {
    return Arguments.of(place, spelled, alias, read);
  }

  private static ExporterConfig at(int place, String text) {
    String[] parts = {"", "", "", ""};
    parts[place] = text;
    return parse(parts[0], parts[1], parts[2], parts[3]);
  }

  @ParameterizedTest(name = "{1} == {2}")
  @MethodSource("keys")
  void theDurationKeyAndItsSecondsAliasReadTheSame(
      int place, String spelled, String alias, Function<ExporterConfig, Duration> read) {
    Duration fromKey = read.apply(at(place, spelled));
    assertThat(read.apply(at(place, alias))).isEqualTo(fromKey);
    assertThat(fromKey).isNotEqualTo(read.apply(at(place, "")));
  }

  @ParameterizedTest(name = "{1} rejects a bare number")
  @MethodSource("keys")
  void theDurationKeyRejectsABareNumber(
      int place, String spelled, String alias, Function<ExporterConfig, Duration> read) {
    String bare = spelled.replaceAll("\\d+(ms|s|m|h|d)", "30");
    assertThatThrownBy(() -> at(place, bare))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be a duration such as 500ms, 30s, 5m, 1h or 0s, got '30'");
  }

  @Test
  void bothSpellingsAtOnceNameTheAlias() {
    assertThatThrownBy(
            () -> at(3, "{grace: 5s, graceSeconds: 5}".replace("{", "").replace("}", "")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> parse("", "", "", "grace: 5s\n  graceSeconds: 5"))
        .hasMessage(
            "shutdown.graceSeconds: is the older spelling of grace: set grace (e.g. 30s) and"
                + " remove this one");
  }

  @Test
  void theReconnectScheduleReadsDurationsOrItsSecondsAlias() {
    List<Duration> expected =
        List.of(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));
    assertThat(
            at(1, "reconnect: {schedule: [100ms, 1s, 1m]}")
                .probeGroups()
                .get(0)
                .reconnect()
                .schedule())
        .isEqualTo(expected);
    assertThat(
            at(1, "reconnect: {scheduleSeconds: [0.1, 1, 60]}")
                .probeGroups()
                .get(0)
                .reconnect()
                .schedule())
        .isEqualTo(expected);
    assertThatThrownBy(() -> at(1, "reconnect: {schedule: [1s, soon]}"))
        .hasMessage(
            "probes.groups[0].reconnect.schedule[1]: must be a duration such as 500ms, 30s, 5m, 1h"
                + " or 0s, got 'soon'");
  }
}
