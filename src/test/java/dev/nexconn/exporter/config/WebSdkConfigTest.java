package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code upstream.type: web-sdk}: every key, its defaults, and path-named errors with the fix. */
class WebSdkConfigTest {
  private static final String FULL =
      """
      upstream:
        type: web-sdk
        connectRatePerSecond: 2
        connAckTimeout: 20s
        webSdk:
          appKey: app-key-1
          navigators: ["http://127.0.0.1:8090", "http://nav.private.test:80"]
          production: false
          allowHosts: [NAV.private.test]
          driver:
            dir: /opt/driver
            node: /usr/bin/node
            maxProbes: 10
            healthInterval: 500ms
            healthTimeout: 2s
            restartMin: 200ms
            restartMax: 1m
      probes:
        groups:
          - name: canary
            count: 4
            token: {type: static, value: t0k}
          - name: second
            users: [a, b]
            token: {type: static, value: t0k}
      """;

  private static ExporterConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.<String, String>of()::get);
  }

  @Test
  void everyWebSdkKeyIsRead() {
    UpstreamConfig u = parse(FULL).upstream();
    assertThat(u.type()).isEqualTo(UpstreamConfig.Type.WEB_SDK);
    assertThat(u.url()).isNull();
    assertThat(u.appKey()).isEqualTo("app-key-1");
    assertThat(u.connectRatePerSecond()).isEqualTo(2.0);
    assertThat(u.connAckTimeout()).isEqualTo(Duration.ofSeconds(20));
    WebSdkConfig sdk = u.webSdk();
    assertThat(sdk.navigators())
        .containsExactly(
            URI.create("http://127.0.0.1:8090"), URI.create("http://nav.private.test:80"));
    assertThat(sdk.allowHosts()).containsExactly("nav.private.test");
    assertThat(sdk.production()).isFalse();
    assertThat(sdk.driver())
        .isEqualTo(
            new WebSdkDriverConfig(
                Path.of("/opt/driver"),
                Path.of("/usr/bin/node"),
                10,
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                Duration.ofMillis(200),
                Duration.ofMinutes(1)));
  }

  @Test
  void theDefaultTypeIsTheProjectProtocolAndTheDriverHasDocumentedDefaults() {
    assertThat(
            parse(
                    """
                    upstream: {url: "ws://127.0.0.1:9/v1/connect"}
                    """)
                .upstream()
                .type())
        .isEqualTo(UpstreamConfig.Type.PROTOCOL);
    UpstreamConfig u =
        parse(
                """
                upstream: {type: web-sdk, webSdk: {appKey: k, production: true}}
                """)
            .upstream();
    assertThat(u.webSdk().navigators()).isEmpty();
    assertThat(u.webSdk().driver()).isEqualTo(WebSdkDriverConfig.DEFAULT);
    assertThat(WebSdkDriverConfig.DEFAULT.maxProbes()).isEqualTo(20);
    assertThat(WebSdkDriverConfig.DEFAULT.dir())
        .isEqualTo(Path.of("/opt/nexconn-exporter/drivers/web-sdk"));
    assertThat(List.of(u.webSdk().driver().healthInterval(), u.webSdk().driver().restartMax()))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  static Stream<Arguments> badKeys() {
    return Stream.of(
        Arguments.of(
            "count: 4",
            "count: 30",
            "probes.groups[0].count: 30 exceeds upstream.webSdk.driver.maxProbes (10): each Web SDK"
                + " probe takes about 30 MB"),
        Arguments.of(
            "users: [a, b]",
            "users: [a, b, c, d, e, f, g, h, i, j, k]",
            "probes.groups[1].users: 11 users exceeds upstream.webSdk.driver.maxProbes (10)"),
        Arguments.of(
            "count: 4",
            "count: 9",
            "probes.groups: 11 probes in 2 groups together exceeds upstream.webSdk.driver.maxProbes"
                + " (10)"),
        Arguments.of(
            "maxProbes: 10",
            "maxProbes: 500",
            "upstream.webSdk.driver.maxProbes: must be between 1 and 100, got 500"),
        Arguments.of(
            "name: canary",
            "name: canary\n      reconnectKickEnable: true",
            "probes.groups[0].reconnectKickEnable: the Web SDK honours it only under Electron"),
        Arguments.of(
            "type: web-sdk",
            "type: websdk",
            "upstream.type: must be one of [protocol, web-sdk], got 'websdk'"),
        Arguments.of(
            "type: web-sdk",
            "type: web-sdk\n  url: ws://127.0.0.1:9/v1/connect",
            "upstream.url: does not apply with upstream.type: web-sdk"),
        Arguments.of(
            "type: web-sdk",
            "type: protocol\n  url: ws://127.0.0.1:9/v1/connect",
            "upstream.webSdk: only applies with upstream.type: web-sdk"),
        Arguments.of("appKey: app-key-1", "appKey: \"\"", "upstream.webSdk.appKey: is required"),
        Arguments.of(
            "type: web-sdk",
            "type: web-sdk\n  appKey: other-key",
            "upstream.appKey: differs from upstream.webSdk.appKey"),
        Arguments.of(
            "allowHosts: [NAV.private.test]",
            "allowHosts: []",
            "upstream.webSdk.navigators[1]: host nav.private.test would be refused: production is"
                + " false"),
        Arguments.of(
            "production: false",
            "production: true",
            "upstream.webSdk.allowHosts: only applies when production is false"),
        Arguments.of(
            "navigators: [\"http://127.0.0.1:8090\", \"http://nav.private.test:80\"]",
            "navigators: []",
            "upstream.webSdk.navigators: is empty and production is false"),
        Arguments.of(
            "\"http://127.0.0.1:8090\"",
            "\"ws://127.0.0.1:8090\"",
            "upstream.webSdk.navigators[0]: must start with http:// or https://"),
        Arguments.of(
            "healthTimeout: 2s",
            "healthTimeout: 2",
            "upstream.webSdk.driver.healthTimeout: must be a duration such as 500ms, 30s"),
        Arguments.of(
            "restartMax: 1m",
            "restartMax: 100ms",
            "upstream.webSdk.driver.restartMax: must be at least restartMin (200ms), got 100ms"),
        Arguments.of(
            "maxProbes: 10",
            "maxprobes: 10",
            "upstream.webSdk.driver.maxprobes: unknown key; known keys here are [dir,"
                + " healthInterval, healthTimeout, maxProbes, node, restartMax, restartMin]"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badKeys")
  void errorsNameTheKeyAndTheFix(String from, String to, String expected) {
    assertThat(FULL).contains(from);
    assertThatThrownBy(() -> parse(FULL.replace(from, to)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void theDefaultLimitOfTwentyProbesIsEnforcedWithoutADriverSection() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    upstream: {type: web-sdk, webSdk: {appKey: k, production: true}}
                    probes: {groups: [{count: 21, token: {type: static, value: t}}]}
                    """))
        .hasMessage(
            "probes.groups[0].count: 21 exceeds upstream.webSdk.driver.maxProbes (20): each Web SDK"
                + " probe takes about 30 MB; use fewer probes, or raise maxProbes (at most 100)"
                + " together with the container's memory limit");
  }
}
