package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A config record may end up in a log line or an error through its {@code toString()}: no token,
 * password or credential carried in a URL may show there.
 */
class ConfigSecretsTest {
  @Test
  void noSecretOfAnyConfigKeyShowsInTheConfigsToString() {
    ExporterConfig config =
        ConfigLoader.parse(
            """
            upstream:
              url: wss://gw-user:upstream-pw@gateway.example.com/v1/connect?key=upstream-key
              proxy: {type: http, host: proxy.local, port: 3128, username: probe, passwordEnv: PW}
            probes:
              groups:
                - name: static
                  users: [a]
                  token: {type: static, value: static-token-value}
                - name: app
                  users: [b]
                  token:
                    type: app-server
                    url: https://app-user:app-server-pw@app.example.com/token?apiKey=app-server-key
                - name: api
                  users: [c]
                  token:
                    type: server-api
                    url: https://api.example.com
                    appKey: k
                    appSecretEnv: APP_SECRET
            alerting:
              alertmanagers:
                - url: https://am-user:alertmanager-pw@am.example.com:9093
              webhooks:
                - name: chatops
                  url: https://hooks.example.com/nexconn?token=chatops-token
            """,
            Map.of("APP_SECRET", "app-secret-value", "PW", "proxy-pw")::get);

    assertThat(config.toString())
        .doesNotContain(
            "upstream-pw",
            "upstream-key",
            "proxy-pw",
            "static-token-value",
            "app-server-pw",
            "app-server-key",
            "app-secret-value",
            "alertmanager-pw",
            "chatops-token");
  }

  @Test
  void aUrlErrorNamesTheKeyButNeverRepeatsTheUrl() {
    assertThat(error("upstream: {url: \"wss://u:bad pw-1@gw.example.com/v1\"}"))
        .startsWith("upstream.url: is not a valid URL")
        .doesNotContain("pw-1");
    assertThat(error("upstream: {url: \"https://u:pw-2@gw.example.com/v1?key=key-2\"}"))
        .startsWith("upstream.url: must start with ws:// or wss://")
        .doesNotContain("pw-2", "key-2");
    assertThat(
            error(
                """
                upstream: {url: "ws://127.0.0.1:9/v1/connect"}
                probes:
                  groups:
                    - users: [a]
                      token: {type: app-server, url: "https://u:bad pw-3@app.example.com/t"}
                """))
        .startsWith("probes.groups[0].token.url: is not a valid URL")
        .doesNotContain("pw-3");
    assertThat(error("alerting: {webhooks: [{url: \"https://u:bad pw-4@hooks.example.com\"}]}"))
        .startsWith("alerting.webhooks[0].url: is not a valid URL")
        .doesNotContain("pw-4");
  }

  private static String error(String yaml) {
    return catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.parse(yaml, Map.<String, String>of()::get))
        .getMessage();
  }
}
