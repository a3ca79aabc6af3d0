package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexconn.exporter.support.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IngestPrimitivesTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T07:00:00Z"));

  @Test
  void theWindowChargesAtLeastTwoBytesPerCharacterOfEveryRememberedAnswer() {
    io.vertx.core.json.JsonObject clean =
        new io.vertx.core.json.JsonObject()
            .put("accepted", Integer.MAX_VALUE)
            .put("rejected", 0)
            .put("duplicate", false);
    io.vertx.core.json.JsonObject withErrors =
        clean.copy().put("errors", new io.vertx.core.json.JsonArray().add("x".repeat(500)));
    for (io.vertx.core.json.JsonObject answer :
        new io.vertx.core.json.JsonObject[] {clean, withErrors}) {
      assertThat(JsonBodies.rememberedBytes(answer))
          .isGreaterThanOrEqualTo(2L * answer.encode().length() + 200);
    }
  }

  @Test
  void severalKeysAreValidAtOnceAndNamedByFingerprintOnly() {
    String a = "a".repeat(24);
    String b = "b".repeat(24);
    SharedSecrets keys = SharedSecrets.parse("# rotation\n" + a + "\n\n" + b + "\n", "keys");
    assertThat(keys.size()).isEqualTo(2);
    assertThat(keys.authenticate("Bearer " + a))
        .hasValueSatisfying(id -> assertThat(id).startsWith("key-").doesNotContain(a));
    assertThat(keys.authenticate("bearer " + b)).isPresent();
    assertThat(keys.authenticate("Bearer " + "c".repeat(24))).isEmpty();
    assertThat(keys.authenticate(a)).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
    assertThat(keys.authenticate("Bearer ")).isEmpty();
  }

  @Test
  void shortKeysAreRefusedNamingTheLineNotTheKey() {
    assertThatThrownBy(() -> SharedSecrets.parse("ok-key-ok-key-ok-key\nshort\n", "/etc/keys"))
        .hasMessage(
            "/etc/keys line 2: an API key must be at least 16 characters without spaces (generate"
                + " one with: openssl rand -hex 24)");
    assertThatThrownBy(() -> SharedSecrets.parse("# none\n", "/etc/keys"))
        .hasMessageContaining("holds no API key");
  }

  @Test
  void rateLimiterAllowsTheBurstThenTellsHowLongToWait() {
    RateLimiter limiter = new RateLimiter(2, 3, clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("k")).isZero();
    }
    assertThat(limiter.tryAcquire("k")).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.tryAcquire("other")).isZero();
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isPositive();
  }

  @Test
  void duplicateKeysAnywhereInTheBodyAreRefusedWithTheirPlace() {
    assertThatThrownBy(() -> JsonBodies.read("{\"batchId\":\"a\",\"batchId\":\"b\"}"))
        .isInstanceOf(JsonBodies.MalformedBodyException.class)
        .hasMessageContaining("not valid JSON at line 1, column 26")
        .hasMessageContaining("Duplicate field")
        // Quoted body text is withheld (it may be a secret); the place says where.
        .hasMessageNotContaining("batchId");
    String nested =
        "{\"events\":[{\"type\":\"status\",\"at\":1,\"status\":1,\"errorCode\":0,"
            + "\"status\":2}]}";
    assertThatThrownBy(() -> JsonBodies.read(nested))
        .isInstanceOf(JsonBodies.MalformedBodyException.class)
        .hasMessageContaining("Duplicate field")
        .hasMessageContaining("line 1, column 70");
    assertThatThrownBy(() -> JsonBodies.read(" \n "))
        .isInstanceOf(JsonBodies.MalformedBodyException.class)
        .hasMessageContaining("the body is empty");
  }

  @Test
  void batchWindowForgetsByAgeAndByCount() {
    BatchWindow<String> window = new BatchWindow<>(Duration.ofMinutes(10), 2, clock);
    window.remember("a", "A");
    clock.advance(Duration.ofMinutes(5));
    window.remember("b", "B");
    assertThat(window.lookup("a")).contains("A");
    clock.advance(Duration.ofMinutes(5));
    assertThat(window.lookup("a")).isEmpty();
    assertThat(window.lookup("b")).contains("B");
    window.remember("c", "C");
    window.remember("d", "D");
    assertThat(window.lookup("b")).isEmpty();
    assertThat(window.size()).isEqualTo(2);
  }
}
