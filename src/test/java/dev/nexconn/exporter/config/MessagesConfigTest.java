package dev.nexconn.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code probes.groups[i].messages}: values, defaults and path-named errors. */
class MessagesConfigTest {
  private static ProbeGroupConfig group(String messages) {
    return group(messages, "{type: static, value: t0k}");
  }

  private static ProbeGroupConfig group(String messages, String token) {
    String yaml =
        String.join(
            "\n",
            "upstream:",
            "  url: ws://127.0.0.1:9000/v1/connect",
            "probes:",
            "  groups:",
            "    - name: g",
            "      count: 4",
            "      token: " + token,
            messages.isEmpty() ? "" : "      messages: " + messages,
            "");
    return ConfigLoader.parse(yaml, Map.<String, String>of()::get).probeGroups().get(0);
  }

  @Test
  void absentMeansOffAndAnEmptySectionPairsEveryTwoProbesWithTheDefaults() {
    assertThat(group("").messages()).isEqualTo(MessagesConfig.OFF);
    assertThat(group("{}").messages())
        .isEqualTo(
            new MessagesConfig(true, 0, Duration.ofSeconds(10), Duration.ofSeconds(5), false));
    assertThat(group("{pairs: 2, interval: 2s, deadline: 500ms}").messages())
        .isEqualTo(
            new MessagesConfig(true, 2, Duration.ofSeconds(2), Duration.ofMillis(500), false));
  }

  @Test
  void theServerApiPathIsAcceptedWithAServerApiTokenBlock() {
    assertThat(
            group(
                    "{serverApi: true}",
                    "{type: server-api, url: \"http://127.0.0.1:9000\", appKey: k, appSecretEnv: S}")
                .messages()
                .serverApi())
        .isTrue();
  }

  @Test
  void badValuesNameTheKeyAndTheFix() {
    assertThatThrownBy(() -> group("{pairs: 3}"))
        .hasMessageContaining("probes.groups[0].messages.pairs")
        .hasMessageContaining("lower pairs or add users");
    assertThatThrownBy(() -> group("{interval: soon}"))
        .hasMessageContaining("probes.groups[0].messages.interval");
    assertThatThrownBy(() -> group("{often: true}"))
        .hasMessageContaining("probes.groups[0].messages");
    assertThatThrownBy(() -> group("{serverApi: true}"))
        .hasMessageContaining("probes.groups[0].messages.serverApi")
        .hasMessageContaining("token.type to be server-api");
  }
}
