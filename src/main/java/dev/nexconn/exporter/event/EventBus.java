package dev.nexconn.exporter.event;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one stream of {@link ConnectionEvent}s between sources and sinks. Delivery is synchronous on
 * the publisher's thread, in subscription order, so a sink sees each event exactly once and in the
 * order its source produced it. Sinks must therefore be quick, non-blocking and thread-safe. A sink
 * that throws does not stop delivery to the others; its failures are counted (exported as {@code
 * nexconn_event_sink_failures_total}), and the first failure of each sink class goes to the {@link
 * #onFirstSinkFailure} listener (which logs it), once, so a broken sink is visible without flooding
 * the log at the event rate.
 *
 * <pre>{@code
 * EventBus bus = new EventBus();
 * bus.subscribe(board::onEvent);   // any sink: metrics, alerting, the status board
 * bus.publish(event);
 * }</pre>
 */
public final class EventBus {
  private final List<Consumer<ConnectionEvent>> sinks = new CopyOnWriteArrayList<>();
  // A LongAdder, not an AtomicLong: every event of every request increments it, and one contended
  // cache line shared by all event loops costs more than the sinks.
  private final LongAdder published = new LongAdder();
  private final AtomicLong sinkFailures = new AtomicLong();
  private final Set<Class<?>> failedSinkClasses = ConcurrentHashMap.newKeySet();
  private volatile BiConsumer<String, RuntimeException> firstFailure = (sink, e) -> {};

  /**
   * Adds a sink; it receives every event published from now on. A sink that is an {@link EventSink}
   * gets each batch of {@link #publishAll} in one {@code acceptAll} call (if it throws, it loses
   * the rest of that batch, for itself only, and one failure is counted); any other sink gets one
   * call per event.
   */
  public void subscribe(Consumer<ConnectionEvent> sink) {
    sinks.add(java.util.Objects.requireNonNull(sink, "sink"));
  }

  /** This bus as a sink: {@code accept} publishes one event, {@code acceptAll} a batch. */
  public EventSink publisher() {
    return new EventSink() {
      @Override
      public void accept(ConnectionEvent event) {
        publish(event);
      }

      @Override
      public void acceptAll(List<? extends ConnectionEvent> events) {
        publishAll(events);
      }
    };
  }

  /**
   * Delivers a batch: to each sink in subscription order, the whole batch in order (batch sinks in
   * one call). Each sink still sees every event once and in order.
   */
  public void publishAll(List<? extends ConnectionEvent> events) {
    for (ConnectionEvent e : events) {
      java.util.Objects.requireNonNull(e, "event");
    }
    published.add(events.size());
    for (Consumer<ConnectionEvent> sink : sinks) {
      if (sink instanceof EventSink batch) {
        try {
          batch.acceptAll(events);
        } catch (RuntimeException e) {
          failed(sink, e);
        }
        continue;
      }
      for (ConnectionEvent event : events) {
        try {
          sink.accept(event);
        } catch (RuntimeException e) {
          failed(sink, e);
        }
      }
    }
  }

  private void failed(Consumer<ConnectionEvent> sink, RuntimeException e) {
    sinkFailures.incrementAndGet();
    if (failedSinkClasses.add(sink.getClass())) {
      reportFirstFailure(sink, e);
    }
  }

  /** Delivers the event to every sink. */
  public void publish(ConnectionEvent event) {
    java.util.Objects.requireNonNull(event, "event");
    published.increment();
    for (Consumer<ConnectionEvent> sink : sinks) {
      try {
        sink.accept(event);
      } catch (RuntimeException e) {
        failed(sink, e);
      }
    }
  }

  /**
   * Sets the listener told about the first failure of each sink class, with the sink's class name
   * and the exception; later failures of that class are only counted. Replaces any earlier one.
   */
  public void onFirstSinkFailure(BiConsumer<String, RuntimeException> listener) {
    firstFailure = java.util.Objects.requireNonNull(listener, "listener");
  }

  private void reportFirstFailure(Consumer<ConnectionEvent> sink, RuntimeException e) {
    try {
      firstFailure.accept(sink.getClass().getName(), e);
    } catch (RuntimeException ignored) {
      // A failing listener must not break delivery; the failure is still counted.
    }
  }

  /** Events published so far. */
  public long publishedCount() {
    return published.sum();
  }

  /** Sink invocations that threw. */
  public long sinkFailureCount() {
    return sinkFailures.get();
  }
}
