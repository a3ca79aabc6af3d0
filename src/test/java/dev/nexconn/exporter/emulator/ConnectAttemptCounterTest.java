package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.ManualClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectAttemptCounterTest {
  private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(1_000_000));
  private final ConnectAttemptCounter counter = new ConnectAttemptCounter(clock);

  @Test
  void attemptsAreCountedPerHundredMillisecondWindow() {
    counter.record();
    counter.record();
    clock.advance(Duration.ofMillis(250));
    counter.record();

    JsonObject json = counter.toJson();
    assertThat(json.getLong("total")).isEqualTo(3);
    assertThat(json.getJsonArray("windows").encode())
        .isEqualTo("[{\"start\":1000000,\"count\":2},{\"start\":1000200,\"count\":1}]");
  }

  @Test
  void windowsOlderThanTwoMinutesAreForgottenButTheTotalIsKept() {
    counter.record();
    clock.advance(Duration.ofMinutes(2));
    counter.record();

    JsonObject json = counter.toJson();
    assertThat(json.getLong("total")).isEqualTo(2);
    assertThat(json.getJsonArray("windows").size()).isEqualTo(1);
    assertThat(json.getJsonArray("windows").getJsonObject(0).getLong("start"))
        .isEqualTo(1_000_000 + 120_000);
  }
}
