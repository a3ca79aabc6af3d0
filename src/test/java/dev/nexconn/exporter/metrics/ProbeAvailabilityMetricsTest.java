package dev.nexconn.exporter.metrics;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTING;
import static dev.nexconn.exporter.event.ConnectionStatus.SIGN_OUT;
import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static dev.nexconn.exporter.event.ConnectionStatus.TOKEN_INCORRECT;
import static dev.nexconn.exporter.support.AlertEvents.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.support.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Probe-seconds and connect attempts, driven by an injected clock. */
class ProbeAvailabilityMetricsTest {
  private final ManualClock clock = new ManualClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProbeAvailabilityMetrics metrics = new ProbeAvailabilityMetrics(clock);

  {
    metrics.bindTo(registry);
  }

  @Test
  void connectedAndTotalProbeSecondsGiveTheExactAvailability() {
    move("p1", null, CONNECTING);
    move("p2", null, CONNECTING);
    clock.advance(Duration.ofSeconds(1));
    move("p1", CONNECTING, CONNECTED);
    move("p2", CONNECTING, CONNECTED);
    clock.advance(Duration.ofSeconds(90));
    move("p2", CONNECTED, SUSPEND);
    clock.advance(Duration.ofSeconds(9));

    assertThat(seconds("nexconn.probe")).isEqualTo(200.0);
    assertThat(seconds("nexconn.probe.connected")).isEqualTo(90.0 + 99.0);
  }

  @Test
  void signedOutProbesDoNotCountAgainstAvailability() {
    move("p1", null, CONNECTED);
    clock.advance(Duration.ofSeconds(10));
    move("p1", CONNECTED, SIGN_OUT);
    clock.advance(Duration.ofHours(1));

    assertThat(seconds("nexconn.probe")).isEqualTo(10.0);
    assertThat(seconds("nexconn.probe.connected")).isEqualTo(10.0);
  }

  @Test
  void aConnectAttemptIsAProbeLeavingConnecting() {
    move("p1", null, CONNECTING);
    move("p1", CONNECTING, TOKEN_INCORRECT);
    move("p1", TOKEN_INCORRECT, CONNECTING);
    move("p1", CONNECTING, CONNECTED);
    move("p1", CONNECTED, SUSPEND);

    assertThat(attempts("success", "none")).isEqualTo(1);
    assertThat(attempts("failure", "token_incorrect")).isEqualTo(1);
    assertThat(attempts("failure", "suspend")).isZero();
  }

  @Test
  void statusGaugesAreRegisteredForEveryStatusAndSumToTheProbes() {
    move("p1", null, CONNECTING);
    move("p2", null, CONNECTED);
    move("p1", CONNECTING, SUSPEND);

    double sum = 0;
    for (ConnectionStatus s : ConnectionStatus.values()) {
      sum +=
          registry
              .get("nexconn.connections")
              .tag("source", "probe")
              .tag("status", s.label())
              .gauge()
              .value();
    }
    assertThat(sum).isEqualTo(2);
    assertThat(registry.get("nexconn.connections").tag("status", "suspend").gauge().value())
        .isEqualTo(1);
  }

  private void move(String id, ConnectionStatus from, ConnectionStatus to) {
    metrics.onEvent(probe(id, from, to, clock.instant()));
  }

  private double seconds(String name) {
    return registry.get(name).functionCounter().count();
  }

  private double attempts(String outcome, String reason) {
    return registry
        .get("nexconn.probe.connect.attempts")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .counter()
        .count();
  }
}
