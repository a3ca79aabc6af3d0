package dev.nexconn.exporter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SdkErrorCodeTest {

  /** docs/ingest.md, "Error codes": the codes that decide a reported status on every platform. */
  @ParameterizedTest(name = "{0} reported from {2} means {1}")
  @CsvSource({
    "31004, token_incorrect, ios",
    "31020, token_incorrect, android",
    "31010, kicked_offline_by_other_client, web",
    "31011, disconn_exception, flutter",
    "31009, disconn_exception, ios",
    "31029, user_abandon, android",
    "34006, timeout, web",
    "30002, network_unavailable, ios",
    "30019, network_unavailable, web",
    "31021, token_incorrect, web",
    "31027, token_incorrect, web",
    "31028, token_incorrect, web"
  })
  void reportedCodesDecideTheStatus(int code, String expected, String platform) {
    Platform p = Platform.fromLabel(platform).orElseThrow();
    assertThat(SdkErrorCode.statusOf(code, p)).map(ConnectionStatus::label).contains(expected);
    assertThat(SdkErrorCode.statusOf(code, Platform.PROBE))
        .map(ConnectionStatus::label)
        .contains(expected);
  }

  /** docs/protocol.md: codes a probe acts on that an SDK report's status already shows. */
  @ParameterizedTest(name = "{0} means {1} to a probe, nothing in a report")
  @CsvSource({
    "30007, network_unavailable",
    "30010, proxy_unavailable",
    "30011, suspend",
    "30012, suspend",
    "30013, suspend",
    "30015, suspend",
    "31000, suspend",
    "31008, unconnected",
    "32054, suspend",
    "33100, suspend"
  })
  void probeOnlyCodes(int code, String expected) {
    assertThat(SdkErrorCode.statusOf(code, Platform.PROBE))
        .map(ConnectionStatus::label)
        .contains(expected);
    for (Platform p : Platform.values()) {
      if (p.reports()) {
        assertThat(SdkErrorCode.statusOf(code, p)).as("%s on %s", code, p).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void unknownCodesMeanNothingAnywhere(Platform p) {
    assertThat(SdkErrorCode.statusOf(0, p)).isEmpty();
    assertThat(SdkErrorCode.statusOf(99_999, p)).isEmpty();
  }

  @Test
  void numbersAreUnique() {
    Set<Integer> seen = new HashSet<>();
    for (SdkErrorCode c : SdkErrorCode.values()) {
      assertThat(seen.add(c.code())).as("%s", c).isTrue();
      assertThat(SdkErrorCode.fromCode(c.code())).contains(c);
    }
  }

  @ParameterizedTest(name = "{0} with {1} counts as {2}")
  @CsvSource({
    "TOKEN_INCORRECT, 31020, EXPIRED",
    "TOKEN_INCORRECT, 31004, INCORRECT",
    "TOKEN_INCORRECT, 0, INCORRECT",
    "UNCONNECTED, 31020, EXPIRED"
  })
  void tokenFailureReasons(ConnectionStatus status, int code, TokenFailure.Reason expected) {
    assertThat(TokenFailure.Reason.of(status, code)).contains(expected);
  }

  @Test
  void otherStatusesAreNoTokenFailure() {
    assertThat(TokenFailure.Reason.of(ConnectionStatus.CONNECTED, 0)).isEmpty();
    assertThat(TokenFailure.Reason.of(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, 31010))
        .isEmpty();
  }
}
