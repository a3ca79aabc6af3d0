package dev.nexconn.exporter.event;

import java.util.List;
import java.util.function.Consumer;

/**
 * A sink that can also take a whole batch at once. An SDK report batch arrives as one list of
 * events in order; a sink that keeps shared state (a ring of recent transitions, a shared counter)
 * can then touch that state once per batch instead of once per event. {@link #acceptAll} must have
 * the effect of {@link #accept} for each event in order.
 *
 * <pre>{@code
 * bus.subscribe(new StatusSummary(clock, 50, false));  // a StatusSummary is an EventSink
 * EventSink publisher = bus.publisher();               // what ingest publishes a batch into
 * publisher.acceptAll(List.of(event));
 * }</pre>
 */
public interface EventSink extends Consumer<ConnectionEvent> {
  /** Takes {@code events} in order; by default one {@link #accept} per event. */
  default void acceptAll(List<? extends ConnectionEvent> events) {
    for (ConnectionEvent e : events) {
      accept(e);
    }
  }
}
