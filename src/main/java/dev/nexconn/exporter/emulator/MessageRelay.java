package dev.nexconn.exporter.emulator;

import dev.nexconn.exporter.transport.Frame;
import dev.nexconn.exporter.transport.FrameCodec;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Writes {@code deliver} frames to a recipient's live socket under the message faults in force:
 * drop and duplicate (a share of messages, for a duration) and delay (a fixed extra latency, for a
 * duration). Each fault lifts by itself at its end time, checked against the injected clock. The
 * counters say exactly what the faults did, so tests can compare them with the prober's metrics.
 */
final class MessageRelay {
  private final Clock clock;
  private final RandomGenerator random;
  private final FrameDelayer delayer;
  private volatile double dropPercent;
  private volatile long dropUntil;
  private volatile double duplicatePercent;
  private volatile long duplicateUntil;
  private volatile long delayMillis;
  private volatile long delayUntil;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();
  private final AtomicLong undeliverable = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  MessageRelay(Clock clock, RandomGenerator random, FrameDelayer delayer) {
    this.clock = clock;
    this.random = random;
    this.delayer = delayer;
  }

  /** About {@code percent}% of messages are silently dropped for {@code duration}. */
  void drop(double percent, Duration duration) {
    dropPercent = percent;
    dropUntil = clock.millis() + duration.toMillis();
  }

  /** About {@code percent}% of messages are delivered twice for {@code duration}. */
  void duplicate(double percent, Duration duration) {
    duplicatePercent = percent;
    duplicateUntil = clock.millis() + duration.toMillis();
  }

  /** Every message is held back by {@code delay} for {@code duration}. */
  void delay(Duration delay, Duration duration) {
    delayMillis = delay.toMillis();
    delayUntil = clock.millis() + duration.toMillis();
  }

  void clear() {
    dropUntil = 0;
    duplicateUntil = 0;
    delayUntil = 0;
  }

  /** Delivers {@code frame} to {@code socket} (or not, or twice) as the faults say. */
  void relay(ServerWebSocket socket, Frame.Deliver frame, long frameLatencyMillis) {
    long now = clock.millis();
    if (hit(now < dropUntil, dropPercent)) {
      dropped.incrementAndGet();
      return;
    }
    int copies = hit(now < duplicateUntil, duplicatePercent) ? 2 : 1;
    long delay = frameLatencyMillis + (now < delayUntil ? delayMillis : 0);
    String text = FrameCodec.encode(frame);
    for (int i = 0; i < copies; i++) {
      if (delay > 0) {
        delayer.send(socket, text, delay, false);
      } else {
        socket.writeTextMessage(text);
      }
    }
    delivered.incrementAndGet();
    if (copies > 1) {
      duplicated.incrementAndGet();
    }
    if (now < delayUntil && delayMillis > 0) {
      delayed.incrementAndGet();
    }
  }

  /** A message whose recipient has no live session that negotiated messages. */
  void undeliverable() {
    undeliverable.incrementAndGet();
  }

  /** A message frame on a session that did not negotiate the messages feature. */
  void rejected() {
    rejected.incrementAndGet();
  }

  long rejectedCount() {
    return rejected.get();
  }

  private boolean hit(boolean active, double percent) {
    return active && (percent >= 100 || random.nextDouble() * 100 < percent);
  }

  JsonObject toJson() {
    long now = clock.millis();
    return new JsonObject()
        .put("delivered", delivered.get())
        .put("dropped", dropped.get())
        .put("duplicated", duplicated.get())
        .put("delayed", delayed.get())
        .put("undeliverable", undeliverable.get())
        .put("rejectedNotNegotiated", rejected.get())
        .put("dropActive", now < dropUntil)
        .put("duplicateActive", now < duplicateUntil)
        .put("delayActive", now < delayUntil);
  }
}
