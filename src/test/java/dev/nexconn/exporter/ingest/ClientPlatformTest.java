package dev.nexconn.exporter.ingest;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTING;
import static dev.nexconn.exporter.event.ConnectionStatus.DISCONN_EXCEPTION;
import static dev.nexconn.exporter.event.ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT;
import static dev.nexconn.exporter.event.ConnectionStatus.NETWORK_UNAVAILABLE;
import static dev.nexconn.exporter.event.ConnectionStatus.PROXY_UNAVAILABLE;
import static dev.nexconn.exporter.event.ConnectionStatus.SIGN_OUT;
import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static dev.nexconn.exporter.event.ConnectionStatus.TIMEOUT;
import static dev.nexconn.exporter.event.ConnectionStatus.TOKEN_INCORRECT;
import static dev.nexconn.exporter.event.ConnectionStatus.UNCONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.UNKNOWN;
import static dev.nexconn.exporter.event.ConnectionStatus.USER_ABANDON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectionStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientPlatformTest {

  @Test
  void everyAndroidCodeMapsToItsSeedStatus() {
    Map<Integer, ConnectionStatus> android =
        Map.ofEntries(
            Map.entry(-1, NETWORK_UNAVAILABLE),
            Map.entry(0, CONNECTED),
            Map.entry(1, CONNECTING),
            Map.entry(2, UNCONNECTED),
            Map.entry(3, KICKED_OFFLINE_BY_OTHER_CLIENT),
            Map.entry(4, TOKEN_INCORRECT),
            Map.entry(6, DISCONN_EXCEPTION),
            Map.entry(12, SIGN_OUT),
            Map.entry(13, SUSPEND),
            Map.entry(14, TIMEOUT),
            Map.entry(17, PROXY_UNAVAILABLE),
            Map.entry(19, USER_ABANDON));
    for (int code = -5; code <= 30; code++) {
      assertThat(ClientPlatform.ANDROID.statusForCode(code))
          .as("android code %d", code)
          .isEqualTo(java.util.Optional.ofNullable(android.get(code)));
    }
  }

  @Test
  void everyIosCodeIsTheSeedsRawValue() {
    for (ConnectionStatus s : ConnectionStatus.values()) {
      assertThat(ClientPlatform.IOS.statusForCode(s.code())).contains(s);
    }
    assertThat(ClientPlatform.IOS.statusForCode(2)).isEmpty();
    assertThat(ClientPlatform.IOS.statusForCode(3)).isEmpty();
  }

  @Test
  void androidAndIosNumbersDifferWhereTheSdksDiffer() {
    assertThat(ClientPlatform.ANDROID.statusForCode(1)).contains(CONNECTING);
    assertThat(ClientPlatform.IOS.statusForCode(1)).contains(NETWORK_UNAVAILABLE);
    assertThat(ClientPlatform.ANDROID.statusForCode(-1)).contains(NETWORK_UNAVAILABLE);
    assertThat(ClientPlatform.IOS.statusForCode(-1)).contains(UNKNOWN);
    assertThat(ClientPlatform.ANDROID.statusForCode(6)).contains(DISCONN_EXCEPTION);
    assertThat(ClientPlatform.IOS.statusForCode(6)).contains(KICKED_OFFLINE_BY_OTHER_CLIENT);
  }

  @ParameterizedTest
  @CsvSource({
    "android, KICKED, kicked_offline_by_other_client",
    "android, CONN_USER_BLOCKED, disconn_exception",
    "android, SIGNED_OUT, sign_out",
    "android, SUSPENDED, suspend",
    "android, NETWORK_UNAVAILABLE, network_unavailable",
    "android, TOKEN_INCORRECT, token_incorrect",
    "android, PROXY_UNAVAILABLE, proxy_unavailable",
    "android, USER_ABANDON, user_abandon",
    "ios, NCConnectionStatusKickedOfflineByOtherClient, kicked_offline_by_other_client",
    "ios, kickedOfflineByOtherClient, kicked_offline_by_other_client",
    "ios, DisconnException, disconn_exception",
    "ios, userAbandon, user_abandon",
    "ios, signOut, sign_out",
    "ios, token_incorrect, token_incorrect",
    "ios, CONNECTED, connected",
    "web, CONNECTING, connecting",
    "web, CONNECTED, connected",
    "web, DISCONNECT, unconnected",
    "web, SUSPEND, suspend",
    "flutter, connUserBlocked, disconn_exception",
    "flutter, kickedOfflineByOtherClient, kicked_offline_by_other_client",
    "flutter, unknown, unknown"
  })
  void namesMapPerPlatform(String platform, String name, String expected) {
    ClientPlatform p = ClientPlatform.fromLabel(platform).orElseThrow();
    assertThat(p.statusForName(name)).map(ConnectionStatus::label).contains(expected);
  }

  @Test
  void webAcceptsNoNumbersAndUnknownNamesAreEmpty() {
    assertThat(ClientPlatform.WEB.acceptsNumericStatus()).isFalse();
    assertThat(ClientPlatform.WEB.statusForCode(0)).isEmpty();
    assertThat(ClientPlatform.ANDROID.statusForName("LOGIN_ON_WEB")).isEmpty();
  }

  @Test
  void flutterIndexesFollowItsSmallerEnum() {
    assertThat(ClientPlatform.FLUTTER.statusForCode(0)).contains(NETWORK_UNAVAILABLE);
    assertThat(ClientPlatform.FLUTTER.statusForCode(1)).contains(CONNECTED);
    assertThat(ClientPlatform.FLUTTER.statusForCode(6)).contains(DISCONN_EXCEPTION);
    assertThat(ClientPlatform.FLUTTER.statusForCode(10)).contains(UNKNOWN);
    assertThat(ClientPlatform.FLUTTER.statusForCode(11)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "31004, token_incorrect",
    "31020, token_incorrect",
    "31010, kicked_offline_by_other_client",
    "31011, disconn_exception",
    "31009, disconn_exception",
    "31029, user_abandon",
    "34006, timeout",
    "30002, network_unavailable",
    "30019, network_unavailable",
    "31021, token_incorrect",
    "31027, token_incorrect",
    "31028, token_incorrect"
  })
  void errorCodesMapToStatuses(int code, String expected) {
    assertThat(ErrorCodes.status(code)).map(ConnectionStatus::label).contains(expected);
  }

  @Test
  void unmappedErrorCodesImplyNoStatusAndTokenReasonsSplitExpired() {
    assertThat(ErrorCodes.status(30007)).isEmpty();
    assertThat(ErrorCodes.status(35008)).isEmpty();
    assertThat(ErrorCodes.status(0)).isEmpty();
    assertThat(ErrorCodes.tokenFailureReason(TOKEN_INCORRECT, 31020)).contains("expired");
    assertThat(ErrorCodes.tokenFailureReason(TOKEN_INCORRECT, 31004)).contains("incorrect");
    assertThat(ErrorCodes.tokenFailureReason(TOKEN_INCORRECT, 0)).contains("incorrect");
    assertThat(ErrorCodes.tokenFailureReason(CONNECTED, 0)).isEmpty();
  }
}
