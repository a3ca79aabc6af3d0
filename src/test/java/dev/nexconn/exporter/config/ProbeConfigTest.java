package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The probe-group and upstream keys of the engine: values, defaults and path-named errors. */
class ProbeConfigTest {
  private static final String FULL =
      """
      upstream:
        url: wss://gateway.example.com/v1/connect
        caFile: /etc/nexconn/ca.pem
        appKey: app-1
        connectRatePerSecond: 20
        connectBurst: 5
        connAckTimeoutSeconds: 4
        proxy: {type: socks5, host: proxy.local, port: 1080, username: probe, passwordEnv: PROXY_PW}
      probes:
        groups:
          - name: canary
            users: [a, b]
            token: {type: static, value: t0k}
            timeoutSeconds: 30
            reconnectKickEnable: true
            heartbeatIntervalSeconds: 2.5
            heartbeatTimeoutSeconds: 1
            reconnect: {scheduleSeconds: [0.1, 1, 10], jitter: false}
            tokenRefresh: {maxPerWindow: 5, windowSeconds: 60}
            database: {enabled: true, dir: /data/probes}
      """;

  private static ExporterConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.<String, String>of()::get);
  }

  @Test
  void everyEngineKeyIsRead() {
    ExporterConfig c = parse(FULL);
    UpstreamConfig u = c.upstream();
    assertThat(u.caFile()).isEqualTo(Path.of("/etc/nexconn/ca.pem"));
    assertThat(u.appKey()).isEqualTo("app-1");
    assertThat(u.connectRatePerSecond()).isEqualTo(20.0);
    assertThat(u.connectBurst()).isEqualTo(5);
    assertThat(u.connAckTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(u.proxy())
        .isEqualTo(
            new ProxyConfig(ProxyConfig.Type.SOCKS5, "proxy.local", 1080, "probe", "PROXY_PW"));
    ProbeGroupConfig g = c.probeGroups().get(0);
    assertThat(g.heartbeatInterval()).isEqualTo(Duration.ofMillis(2500));
    assertThat(g.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(g.reconnect())
        .isEqualTo(
            new ReconnectConfig(
                java.util.List.of(
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)),
                false));
    assertThat(g.tokenRefresh()).isEqualTo(new TokenRefreshConfig(5, Duration.ofMinutes(1)));
    assertThat(g.database()).isEqualTo(new DatabaseConfig(true, Path.of("/data/probes")));
  }

  @Test
  void defaultsFollowTheSdk() {
    ExporterConfig c =
        parse(
            """
            upstream: {url: "ws://127.0.0.1:9/v1/connect"}
            probes: {groups: [{count: 1, token: {type: static, value: t}}]}
            """);
    ProbeGroupConfig g = c.probeGroups().get(0);
    assertThat(g.reconnect().jitter()).isTrue();
    assertThat(g.reconnect().schedule()).hasSize(10).first().isEqualTo(Duration.ofMillis(50));
    assertThat(g.reconnect().schedule()).last().isEqualTo(Duration.ofSeconds(64));
    assertThat(g.heartbeat()).isEqualTo(HeartbeatConfig.DEFAULT);
    assertThat(g.tokenRefresh()).isEqualTo(TokenRefreshConfig.DEFAULT);
    assertThat(g.database().enabled()).isTrue();
    assertThat(g.timeout()).isZero();
    assertThat(g.reconnectKickEnable()).isFalse();
    assertThat(c.upstream().proxy()).isNull();
    assertThat(c.upstream().connectRatePerSecond()).isEqualTo(200.0);
  }

  static Stream<Arguments> badKeys() {
    return Stream.of(
        Arguments.of(
            "[0.1, 1, 10]",
            "[0.1, soon]",
            "probes.groups[0].reconnect.scheduleSeconds[1]: must be a number of seconds, got 'soon'"),
        Arguments.of(
            "[0.1, 1, 10]",
            "[]",
            "probes.groups[0].reconnect.scheduleSeconds: must list at least one wait"),
        Arguments.of(
            "type: socks5",
            "type: ftp",
            "upstream.proxy.type: must be one of [http, socks5], got 'ftp'"),
        Arguments.of("port: 1080, ", "", "upstream.proxy.port: is required"),
        Arguments.of("wss://", "ws://", "upstream.caFile: only applies to wss:// upstreams"),
        Arguments.of(
            "maxPerWindow: 5",
            "maxPerWindow: -1",
            "probes.groups[0].tokenRefresh.maxPerWindow: must be between 0 and 1000, got -1"),
        Arguments.of(
            "heartbeatTimeoutSeconds: 1",
            "heartbeatTimeoutSeconds: 0",
            "probes.groups[0].heartbeatTimeoutSeconds: must be between 0.01 and 3600.0, got 0.0"),
        Arguments.of(
            "enabled: true",
            "enabled: maybe",
            "probes.groups[0].database.enabled: must be true or false, got 'maybe'"),
        Arguments.of(
            "jitter: false",
            "jiter: false",
            "probes.groups[0].reconnect.jiter: unknown key; known keys here are [jitter, schedule, scheduleSeconds]"),
        Arguments.of(
            "connectBurst: 5",
            "connectBurst: 0",
            "upstream.connectBurst: must be between 1 and 1000000, got 0"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badKeys")
  void errorsNameTheKeyAndTheFix(String from, String to, String expected) {
    assertThat(FULL).contains(from);
    assertError(FULL.replace(from, to), expected);
  }

  private static void assertError(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
