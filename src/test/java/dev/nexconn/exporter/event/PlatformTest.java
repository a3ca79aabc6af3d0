package dev.nexconn.exporter.event;

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

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

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
      assertThat(Platform.ANDROID.statusForCode(code))
          .as("android code %d", code)
          .isEqualTo(java.util.Optional.ofNullable(android.get(code)));
    }
  }

  @Test
  void everyIosCodeIsTheSeedsRawValue() {
    for (ConnectionStatus s : ConnectionStatus.values()) {
      assertThat(Platform.IOS.statusForCode(s.code())).contains(s);
    }
    assertThat(Platform.IOS.statusForCode(2)).isEmpty();
    assertThat(Platform.IOS.statusForCode(3)).isEmpty();
  }

  @Test
  void androidAndIosNumbersDifferWhereTheSdksDiffer() {
    assertThat(Platform.ANDROID.statusForCode(1)).contains(CONNECTING);
    assertThat(Platform.IOS.statusForCode(1)).contains(NETWORK_UNAVAILABLE);
    assertThat(Platform.ANDROID.statusForCode(-1)).contains(NETWORK_UNAVAILABLE);
    assertThat(Platform.IOS.statusForCode(-1)).contains(UNKNOWN);
    assertThat(Platform.ANDROID.statusForCode(6)).contains(DISCONN_EXCEPTION);
    assertThat(Platform.IOS.statusForCode(6)).contains(KICKED_OFFLINE_BY_OTHER_CLIENT);
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
    Platform p = Platform.fromLabel(platform).orElseThrow();
    assertThat(p.statusForName(name)).map(ConnectionStatus::label).contains(expected);
  }

  @Test
  void webAcceptsNoNumbersAndUnknownNamesAreEmpty() {
    assertThat(Platform.WEB.acceptsNumericStatus()).isFalse();
    assertThat(Platform.WEB.statusForCode(0)).isEmpty();
    assertThat(Platform.ANDROID.statusForName("LOGIN_ON_WEB")).isEmpty();
  }

  @Test
  void flutterIndexesFollowItsSmallerEnum() {
    assertThat(Platform.FLUTTER.statusForCode(0)).contains(NETWORK_UNAVAILABLE);
    assertThat(Platform.FLUTTER.statusForCode(1)).contains(CONNECTED);
    assertThat(Platform.FLUTTER.statusForCode(6)).contains(DISCONN_EXCEPTION);
    assertThat(Platform.FLUTTER.statusForCode(10)).contains(UNKNOWN);
    assertThat(Platform.FLUTTER.statusForCode(11)).isEmpty();
  }

  @Test
  void probeIsAPlatformButNotAReportingOne() {
    assertThat(Platform.PROBE.label()).isEqualTo("probe");
    assertThat(Platform.PROBE.reports()).isFalse();
    assertThat(Platform.fromLabel("probe")).isEmpty();
    assertThat(Platform.fromLabel(" Android ")).contains(Platform.ANDROID);
  }
}
