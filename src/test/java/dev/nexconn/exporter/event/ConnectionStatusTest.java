package dev.nexconn.exporter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConnectionStatusTest {

  @Test
  void codesAreTheSeedsRawValues() {
    Map<String, Integer> byLabel =
        Arrays.stream(ConnectionStatus.values())
            .collect(Collectors.toMap(ConnectionStatus::label, ConnectionStatus::code));
    assertThat(byLabel)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("unknown", -1),
                Map.entry("connected", 0),
                Map.entry("network_unavailable", 1),
                Map.entry("kicked_offline_by_other_client", 6),
                Map.entry("connecting", 10),
                Map.entry("unconnected", 11),
                Map.entry("sign_out", 12),
                Map.entry("suspend", 13),
                Map.entry("timeout", 14),
                Map.entry("token_incorrect", 15),
                Map.entry("disconn_exception", 16),
                Map.entry("proxy_unavailable", 17),
                Map.entry("user_abandon", 19)));
  }

  @Test
  void lookupByCodeAndLabelRoundTrips() {
    for (ConnectionStatus s : ConnectionStatus.values()) {
      assertThat(ConnectionStatus.fromCode(s.code())).contains(s);
      assertThat(ConnectionStatus.fromLabel(s.label())).contains(s);
      assertThat(ConnectionStatus.fromLabel(s.name())).contains(s);
    }
    assertThat(ConnectionStatus.fromCode(7)).isEmpty();
    assertThat(ConnectionStatus.fromLabel("banned")).isEmpty();
    assertThat(ConnectionStatus.fromLabel(null)).isEmpty();
  }

  @Test
  void onlyTransientStatusesRetryAsTheSeedSays() {
    assertThat(Arrays.stream(ConnectionStatus.values()).filter(ConnectionStatus::retries).toList())
        .containsExactlyInAnyOrder(
            ConnectionStatus.UNKNOWN,
            ConnectionStatus.NETWORK_UNAVAILABLE,
            ConnectionStatus.CONNECTING,
            ConnectionStatus.SUSPEND);
  }
}
