package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectFailureReason;
import dev.nexconn.exporter.event.ConnectPhase;
import dev.nexconn.exporter.transport.ConnectTrace;
import dev.nexconn.exporter.transport.OpenFailure;
import dev.nexconn.exporter.transport.OpenPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectTracesTest {
  @ParameterizedTest
  @EnumSource(OpenFailure.class)
  void everyTransportFailureHasAReasonInTheSamePhase(OpenFailure f) {
    ConnectFailureReason r = ConnectTraces.reason(f);
    assertThat(r.label()).isEqualTo(f.label());
    assertThat(r.phase()).isEqualTo(ConnectTraces.phase(f.phase()));
  }

  @Test
  void phasesThatDidNotRunAreAbsentAndTheConnackIsAdded() {
    ConnectTrace trace =
        new ConnectTrace(null, Duration.ofMillis(2), null, Duration.ofMillis(3), null);
    assertThat(ConnectTraces.phases(trace, Duration.ofMillis(4)))
        .containsOnlyKeys(ConnectPhase.TCP, ConnectPhase.WS_UPGRADE, ConnectPhase.CONNACK)
        .containsEntry(ConnectPhase.WS_UPGRADE, Duration.ofMillis(3));
    assertThat(ConnectTraces.phases(null, null)).isEmpty();
    assertThat(OpenPhase.values()).hasSize(ConnectPhase.values().length - 1);
  }
}
