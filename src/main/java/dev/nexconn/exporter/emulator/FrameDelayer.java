package dev.nexconn.exporter.emulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.time.Clock;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Holds outgoing frames back for the latency fault. One shared sweep every few milliseconds
 * releases the frames that are due, instead of a timer per frame or per connection; the latency is
 * the same for every frame queued at one time, so the queue stays in due order.
 */
final class FrameDelayer {
  private static final long SWEEP_MILLIS = 5;

  private record Delayed(long dueMillis, ServerWebSocket socket, String text, boolean close) {}

  private final Vertx vertx;
  private final Clock clock;
  private final Queue<Delayed> queue = new ConcurrentLinkedQueue<>();
  private long timer = -1;

  FrameDelayer(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /** Writes {@code text} after {@code delayMillis}, then closes the socket when {@code close}. */
  synchronized void send(ServerWebSocket socket, String text, long delayMillis, boolean close) {
    queue.add(new Delayed(clock.millis() + delayMillis, socket, text, close));
    if (timer < 0) {
      timer = vertx.setPeriodic(SWEEP_MILLIS, t -> sweep());
    }
  }

  private synchronized void sweep() {
    long now = clock.millis();
    Delayed head;
    while ((head = queue.peek()) != null && head.dueMillis() <= now) {
      queue.poll();
      if (!head.socket().isClosed()) {
        head.socket().writeTextMessage(head.text());
        if (head.close()) {
          head.socket().close();
        }
      }
    }
    if (queue.isEmpty() && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
