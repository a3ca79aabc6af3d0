package dev.nexconn.exporter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.support.EngineHarness;
import dev.nexconn.exporter.support.FakeUpstream;
import dev.nexconn.exporter.transport.Frame;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's public API keeps each probe with its own group, however the calls are mixed. */
class ConnectionEngineTest {
  private final FakeUpstream upstream = new FakeUpstream();
  private final EngineHarness h = new EngineHarness(upstream);

  @AfterEach
  void close() {
    h.close();
  }

  private ProbeSettings group(String name) {
    return ProbeSettings.defaults(name, h.countingTokens())
        .withPolicy(ReconnectPolicy.sdkDefault(false));
  }

  /** Device ids end in the connection id; pairs each connect with the token it carried. */
  private List<org.assertj.core.groups.Tuple> connectsByConnection() {
    return upstream.connects().stream()
        .map(c -> tuple(c.deviceId().substring(c.deviceId().indexOf('/') + 1), c.token()))
        .toList();
  }

  @Test
  void connectionsAndGroupsMixedConnectEachGroupWithItsOwnParameters() {
    ProbeConnection before = h.engine.connection(group("solo"), "x");
    h.engine.addGroup(group("a"), List.of("u1", "u2"), ConnectParams.of("token-a"));
    ProbeConnection between = h.engine.connection(group("solo"), "y");
    h.engine.addGroup(group("b"), List.of("u3"), ConnectParams.of("token-b"));

    assertThatCode(h.engine::start).doesNotThrowAnyException();
    h.awaitTrue(() -> upstream.connects().size() == 3);
    h.drain();

    assertThat(connectsByConnection())
        .containsExactlyInAnyOrder(
            tuple("a/u1", "token-a"), tuple("a/u2", "token-a"), tuple("b/u3", "token-b"));
    // start() connects groups only: the connections the caller made stay the caller's.
    assertThat(before.status()).isNull();
    assertThat(between.status()).isNull();
    assertThat(h.engine.snapshot())
        .extracting(ProbeSnapshot::id)
        .containsExactly("solo/x", "a/u1", "a/u2", "solo/y", "b/u3");
  }

  @Test
  void aConnectionMadeAfterStartIsNotTakenForAGroupMember() {
    h.engine.addGroup(group("a"), List.of("u1"), ConnectParams.of("token-a"));
    h.engine.start();
    ProbeConnection later = h.engine.connection(group("solo"), "x");
    later.connect(ConnectParams.of("token-x"), null, null);
    h.awaitTrue(() -> upstream.connects().size() == 2);
    h.awaitStatus(later, ConnectionStatus.CONNECTED);

    assertThat(connectsByConnection())
        .containsExactlyInAnyOrder(tuple("a/u1", "token-a"), tuple("solo/x", "token-x"));
  }

  @Test
  void aGroupAddedAfterStartConnectsAtOnceAndStartTwiceConnectsNothingTwice() {
    h.engine.start();
    h.engine.addGroup(group("late"), List.of("u9"), ConnectParams.of("token-late"));
    h.awaitTrue(() -> upstream.connects().size() == 1);
    h.engine.start();
    h.drain();

    assertThat(connectsByConnection()).containsExactly(tuple("late/u9", "token-late"));
    assertThat(upstream.connects()).extracting(Frame.Connect::token).hasSize(1);
  }
}
