package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Admission rules and timed faults, driven by a manual clock. */
class UserAccountsTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T07:00:00Z"));
  private final TokenStore tokens = new TokenStore();
  private final UserAccounts accounts = new UserAccounts();

  private int admit(String token) {
    return accounts.admission(tokens.lookup(token).orElseThrow(), clock.millis());
  }

  @Test
  void deactivationOutranksABanWhichOutranksAnExpiredToken() {
    String t = tokens.issue("u1", clock.millis());
    clock.advance(Duration.ofSeconds(1));
    accounts.expireTokens("u1", clock.millis());
    assertThat(admit(t)).isEqualTo(EmulatorCodes.TOKEN_EXPIRED);
    accounts.ban("u1", clock.millis() + 60_000);
    assertThat(admit(t)).isEqualTo(EmulatorCodes.USER_BANNED);
    accounts.softDelete("u1");
    assertThat(admit(t)).isEqualTo(EmulatorCodes.USER_ABANDONED);
  }

  @Test
  void aBanLiftsByItselfAndLeavesTheList() {
    String t = tokens.issue("u1", clock.millis());
    accounts.ban("u1", clock.millis() + 60_000);
    assertThat(accounts.bans(clock.millis()))
        .extracting(UserAccounts.Ban::userId)
        .containsExactly("u1");
    clock.advance(Duration.ofSeconds(60));
    assertThat(admit(t)).isEqualTo(EmulatorCodes.OK);
    assertThat(accounts.bans(clock.millis())).isEmpty();
  }

  @Test
  void aFutureExpiryCutOffBitesOnlyOnceItsTimeHasCome() {
    String t = tokens.issue("u1", clock.millis());
    accounts.expireTokens("u1", clock.millis() + 10_000);
    assertThat(admit(t)).isEqualTo(EmulatorCodes.OK);
    clock.advance(Duration.ofSeconds(10));
    assertThat(admit(t)).isEqualTo(EmulatorCodes.TOKEN_EXPIRED);
  }

  @Test
  void theAppLifetimeAppliesToTokensIssuedAfterItIsSet() {
    String before = tokens.issue("u1", clock.millis());
    tokens.lifetimeMillis(5_000);
    String after = tokens.issue("u2", clock.millis());
    clock.advance(Duration.ofSeconds(5));
    assertThat(admit(before)).isEqualTo(EmulatorCodes.OK);
    assertThat(admit(after)).isEqualTo(EmulatorCodes.TOKEN_EXPIRED);
  }

  @Test
  void timedFaultsLiftByThemselves() {
    FaultState faults = new FaultState(clock);
    faults.refuse(Duration.ofSeconds(5), EmulatorCodes.SERVER_UNAVAILABLE);
    faults.halfOpen(Duration.ofSeconds(5));
    faults.latency(Duration.ofMillis(300), Duration.ofSeconds(5));
    faults.proxyFailure(Duration.ofSeconds(5), 503);
    assertThat(faults.refusalCode()).isEqualTo(EmulatorCodes.SERVER_UNAVAILABLE);
    assertThat(faults.halfOpen()).isTrue();
    assertThat(faults.latencyMillis()).isEqualTo(300);
    assertThat(faults.proxyFailureStatus()).isEqualTo(503);
    clock.advance(Duration.ofSeconds(5));
    assertThat(faults.refusalCode()).isEqualTo(EmulatorCodes.OK);
    assertThat(faults.halfOpen()).isFalse();
    assertThat(faults.latencyMillis()).isZero();
    assertThat(faults.proxyFailureStatus()).isZero();
  }

  @Test
  void theRateLimiterAllowsTheLimitPerSecondAndEndpoint() {
    ApiRateLimiter limiter = new ApiRateLimiter(clock, 2);
    assertThat(limiter.tryAcquire("/a")).isTrue();
    assertThat(limiter.tryAcquire("/a")).isTrue();
    assertThat(limiter.tryAcquire("/a")).isFalse();
    assertThat(limiter.tryAcquire("/b")).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("/a")).isTrue();
  }

  @Test
  void fleetStatusesUseEachPlatformsOwnCode() {
    assertThat(VirtualAppStatus.KICKED_OFFLINE_BY_OTHER_CLIENT.wireValue("ios")).isEqualTo(6);
    assertThat(VirtualAppStatus.KICKED_OFFLINE_BY_OTHER_CLIENT.wireValue("android")).isEqualTo(3);
    assertThat(VirtualAppStatus.TOKEN_INCORRECT.wireValue("android")).isEqualTo(4);
    assertThat(VirtualAppStatus.DISCONN_EXCEPTION.wireValue("android")).isEqualTo(6);
    assertThat(VirtualAppStatus.NETWORK_UNAVAILABLE.wireValue("android")).isEqualTo(-1);
    assertThat(VirtualAppStatus.CONNECTING.wireValue("web")).isEqualTo("connecting");
  }
}
