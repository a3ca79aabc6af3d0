package dev.nexconn.exporter.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * One event-loop context with the probes pinned to it, its {@link DeadlineWheel} and the single
 * periodic timer that advances the wheel. Everything a shard owns is touched only on its context,
 * so nothing here needs a lock.
 */
final class ProbeShard {
  private final Context context;
  private final DeadlineWheel wheel;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration tick;
  private long timerId = -1;

  ProbeShard(Context context, Duration tick, Clock clock, RandomGenerator random) {
    this.context = context;
    this.tick = tick;
    this.clock = clock;
    this.random = random;
    // The wheel's resolution is capped so that a slow tick (tests drive sweeps by hand) still keeps
    // millisecond-level deadlines apart.
    this.wheel =
        new DeadlineWheel(Math.max(1, Math.min(tick.toMillis(), 20)), 4096, clock.millis());
  }

  Context context() {
    return context;
  }

  DeadlineWheel wheel() {
    return wheel;
  }

  /** The shard's random source; use only on the shard's context. */
  RandomGenerator random() {
    return random;
  }

  void start() {
    context.runOnContext(
        v ->
            timerId =
                context
                    .owner()
                    .setPeriodic(Math.max(1, tick.toMillis()), t -> wheel.advance(clock.millis())));
  }

  /** Advances the wheel to the clock's time now, on the shard's context. */
  Future<Void> sweep() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          wheel.advance(clock.millis());
          done.complete();
        });
    return done.future();
  }

  void stop() {
    context.runOnContext(
        v -> {
          if (timerId >= 0) {
            context.owner().cancelTimer(timerId);
            timerId = -1;
          }
        });
  }
}
