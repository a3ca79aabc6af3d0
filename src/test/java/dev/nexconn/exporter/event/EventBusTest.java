package dev.nexconn.exporter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBusTest {
  private static final StatusChanged EVENT =
      new StatusChanged(
          EventSource.PROBE,
          Instant.EPOCH,
          Dimensions.PROBE,
          "g/u1",
          "u1",
          null,
          ConnectionStatus.CONNECTING,
          0);

  @Test
  void everySinkSeesEveryEventInOrder() {
    EventBus bus = new EventBus();
    List<String> seen = new ArrayList<>();
    bus.subscribe(e -> seen.add("a:" + ((StatusChanged) e).to().label()));
    bus.subscribe(e -> seen.add("b:" + ((StatusChanged) e).to().label()));
    bus.publish(EVENT);
    assertThat(seen).containsExactly("a:connecting", "b:connecting");
    assertThat(bus.publishedCount()).isEqualTo(1);
  }

  @Test
  void aFailingSinkDoesNotStopTheOthersAndIsCounted() {
    EventBus bus = new EventBus();
    List<ConnectionEvent> seen = new ArrayList<>();
    bus.subscribe(
        e -> {
          throw new IllegalStateException("boom");
        });
    bus.subscribe(seen::add);
    bus.publish(EVENT);
    assertThat(seen).containsExactly(EVENT);
    assertThat(bus.sinkFailureCount()).isEqualTo(1);
  }

  @Test
  void aBatchReachesBatchSinksInOneCallAndOtherSinksEventByEvent() {
    EventBus bus = new EventBus();
    List<String> seen = new ArrayList<>();
    bus.subscribe(e -> seen.add("each:" + ((StatusChanged) e).to().label()));
    bus.subscribe(
        new EventSink() {
          @Override
          public void accept(ConnectionEvent e) {
            seen.add("one:" + ((StatusChanged) e).to().label());
          }

          @Override
          public void acceptAll(List<? extends ConnectionEvent> events) {
            seen.add("batch:" + events.size());
          }
        });
    bus.subscribe(
        e -> {
          if (((StatusChanged) e).to() == ConnectionStatus.CONNECTING) {
            throw new IllegalStateException("boom");
          }
          seen.add("after-failure:" + ((StatusChanged) e).to().label());
        });
    StatusChanged connected =
        new StatusChanged(
            EventSource.SDK,
            Instant.EPOCH,
            Dimensions.NONE,
            "",
            "",
            ConnectionStatus.CONNECTING,
            ConnectionStatus.CONNECTED,
            0);
    bus.publisher().acceptAll(List.of(EVENT, connected));
    assertThat(seen)
        .containsExactly("each:connecting", "each:connected", "batch:2", "after-failure:connected");
    assertThat(bus.publishedCount()).isEqualTo(2);
    assertThat(bus.sinkFailureCount()).isEqualTo(1);
    bus.publisher().accept(EVENT);
    assertThat(seen).contains("one:connecting");
  }
}
