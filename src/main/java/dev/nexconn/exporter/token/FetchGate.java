package dev.nexconn.exporter.token;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * At most {@link #MAX_IN_FLIGHT} token requests of one provider in flight; the rest wait here, in
 * order, and start as earlier ones end. The web client keeps {@link #MAX_IN_FLIGHT} connections per
 * host, so a request that leaves the gate gets a connection at once and never waits in the client's
 * own queue. That queue's wait ends in a connect timeout when a storm of probes (19,000 at a time)
 * asks for tokens, and in Vert.x 5.0.7 a request that times out there can be completed a second
 * time ({@code IllegalStateException: Promise already completed}) and lose its pooled connection:
 * after a few such losses no token request got a connection at all, and probes stayed without
 * tokens while the token server answered in milliseconds. A request that leaves the gate is bounded
 * by the provider's connect and idle timeouts, so the waiting ones always move on. A fetch that has
 * waited longer than the fetch timeout when its turn comes fails as unanswered, as it would have in
 * the client's queue, without being sent.
 */
final class FetchGate {
  /** Vert.x's default HTTP/1 connections per host ({@code PoolOptions}), which the client uses. */
  static final int MAX_IN_FLIGHT = 5;

  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private final long maxWaitNanos;
  private final LongSupplier nanoTime;
  private int inFlight;

  /** A fetch waiting for its turn, and what it fails with if it waited too long. */
  private record Waiter(Runnable start, Runnable expire, long deadline) {}

  FetchGate(Duration maxWait, LongSupplier nanoTime) {
    this.maxWaitNanos = maxWait.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Runs {@code fetch} when fewer than {@link #MAX_IN_FLIGHT} of this gate's fetches run; fails
   * with {@code unanswered} instead when its turn comes after more than the gate's wait.
   */
  <T> Future<T> run(Supplier<Future<T>> fetch, Supplier<? extends Throwable> unanswered) {
    Promise<T> result = Promise.promise();
    Runnable start =
        () -> {
          Future<T> f;
          try {
            f = fetch.get();
          } catch (RuntimeException e) {
            f = Future.failedFuture(e);
          }
          f.onComplete(
              ar -> {
                release();
                result.handle(ar);
              });
        };
    synchronized (this) {
      if (inFlight >= MAX_IN_FLIGHT) {
        waiting.add(
            new Waiter(
                start, () -> result.fail(unanswered.get()), nanoTime.getAsLong() + maxWaitNanos));
        return result.future();
      }
      inFlight++;
    }
    start.run();
    return result.future();
  }

  /** Fetches running and waiting now. */
  synchronized int[] load() {
    return new int[] {inFlight, waiting.size()};
  }

  private void release() {
    java.util.List<Runnable> expired = new java.util.ArrayList<>();
    Runnable next = null;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      Waiter w;
      while ((w = waiting.poll()) != null) {
        if (now - w.deadline() > 0) {
          expired.add(w.expire());
        } else {
          next = w.start();
          break;
        }
      }
      if (next == null) {
        inFlight--;
      }
    }
    expired.forEach(Runnable::run);
    if (next != null) {
      next.run();
    }
  }
}
