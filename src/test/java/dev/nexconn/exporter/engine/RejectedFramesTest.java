package dev.nexconn.exporter.engine;

import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTED;
import static dev.nexconn.exporter.event.ConnectionStatus.CONNECTING;
import static dev.nexconn.exporter.event.ConnectionStatus.SUSPEND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.UpstreamFrameRejected;
import dev.nexconn.exporter.support.EngineHarness;
import dev.nexconn.exporter.support.FakeUpstream;
import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodecException;
import dev.nexconn.exporter.transport.FrameFault;
import dev.nexconn.exporter.transport.ProtocolCodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16: what a probe does with a message from the upstream that it refuses. A malformed one is
 * one {@link UpstreamFrameRejected} with its reason, a {@code disconnect 30021} naming the reason,
 * the socket closed and a reconnect on the schedule; a well-formed frame the session did not
 * negotiate is counted and dropped and the session stays.
 */
class RejectedFramesTest {
  private final FakeUpstream upstream = new FakeUpstream();
  private final EngineHarness h = new EngineHarness(upstream);

  @AfterEach
  void close() {
    h.close();
  }

  @ParameterizedTest
  @EnumSource(FrameFault.class)
  void everyTransportFaultHasTheReasonOfTheSameName(FrameFault fault) {
    FrameRejectReason reason = ProbeSession.reason(fault);
    assertThat(reason.label()).isEqualTo(fault.label());
    assertThat(reason.closesLink()).isTrue();
  }

  @Test
  void aMalformedFrameIsCountedAnsweredWithProtocolErrorAndTheProbeReconnects() {
    ProbeConnection c = h.engine.connect(h.settings(), "alice", ConnectParams.of("t"), null, null);
    h.awaitStatus(c, CONNECTED);

    upstream.serverSendsMalformed(
        new FrameCodecException(FrameFault.NOT_JSON, "frame is not a JSON object"));
    h.awaitStatus(c, SUSPEND);

    assertThat(h.events(UpstreamFrameRejected.class))
        .extracting(UpstreamFrameRejected::reason, UpstreamFrameRejected::connectionId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(FrameRejectReason.NOT_JSON, c.id()));
    assertThat(upstream.sent())
        .filteredOn(f -> f instanceof Frame.Disconnect)
        .containsExactly(
            new Frame.Disconnect(ProtocolCodes.PROTOCOL_ERROR, "frame rejected: not_json"));
    h.advance(Duration.ofMillis(50));
    h.awaitStatus(c, CONNECTED);
    assertThat(upstream.opened()).isEqualTo(2);
    assertThat(h.statuses(c))
        .containsExactly(CONNECTING, CONNECTED, SUSPEND, CONNECTING, CONNECTED);
    assertThat(h.events(UpstreamFrameRejected.class)).hasSize(1);
  }

  @Test
  void aDeliverThatWasNotNegotiatedIsCountedAndDroppedAndTheSessionStays() {
    ProbeConnection c = h.engine.connect(h.settings(), "bob", ConnectParams.of("t"), null, null);
    h.awaitStatus(c, CONNECTED);

    upstream.serverSends(new Frame.Deliver("mallory", 1, 1, "m-1"));
    upstream.serverSends(new Frame.Ack("m-2"));
    h.awaitTrue(() -> h.events(UpstreamFrameRejected.class).size() == 2);

    assertThat(h.events(UpstreamFrameRejected.class))
        .extracting(UpstreamFrameRejected::reason)
        .containsOnly(FrameRejectReason.NOT_NEGOTIATED);
    assertThat(upstream.sent())
        .noneMatch(f -> f instanceof Frame.Ack || f instanceof Frame.Disconnect);
    h.drain();
    assertThat(c.status()).isEqualTo(CONNECTED);
    assertThat(upstream.opened()).isEqualTo(1);
    List<StatusChanged> changes = h.events(StatusChanged.class);
    assertThat(changes).hasSize(2);
  }
}
