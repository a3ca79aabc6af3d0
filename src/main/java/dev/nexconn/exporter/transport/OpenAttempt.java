package dev.nexconn.exporter.transport;

import io.netty.channel.Channel;
import io.vertx.core.Promise;
import java.time.Duration;

/**
 * One {@link NettyWebSocketTransport#open()} in progress: the phase it is in, how long each earlier
 * phase took, and the promise it ends. It lives only until the open succeeds or fails; handlers of
 * the channel, the resolver and the open timer all report here, and the first end wins. Durations
 * are measured on the monotonic clock, since they describe real sockets.
 */
final class OpenAttempt {
  private final Promise<UpstreamLink> promise;
  private final NettyWebSocketTransport transport;
  private final long[] took = {-1, -1, -1, -1};
  private OpenPhase phase;
  private long phaseStart = System.nanoTime();
  private TlsExpiry tlsExpiry;
  private boolean done;
  private Channel channel;
  private long timer = -1;

  OpenAttempt(Promise<UpstreamLink> promise, NettyWebSocketTransport transport, OpenPhase first) {
    this.promise = promise;
    this.transport = transport;
    this.phase = first;
  }

  synchronized void channel(Channel ch, long timerId) {
    channel = ch;
    timer = timerId;
  }

  synchronized long timer() {
    return timer;
  }

  synchronized void timer(long timerId) {
    timer = timerId;
  }

  synchronized OpenPhase phase() {
    return phase;
  }

  /** The current phase is over; {@code next} starts now. */
  synchronized void enter(OpenPhase next) {
    if (done || next == phase) {
      return;
    }
    long now = System.nanoTime();
    took[phase.ordinal()] = now - phaseStart;
    phase = next;
    phaseStart = now;
  }

  synchronized void tlsExpiry(TlsExpiry expiry) {
    tlsExpiry = expiry;
  }

  /** The upgrade finished: the last phase is over; false when the open already ended. */
  synchronized boolean succeed() {
    if (done) {
      return false;
    }
    took[phase.ordinal()] = System.nanoTime() - phaseStart;
    done = true;
    return true;
  }

  synchronized boolean done() {
    return done;
  }

  synchronized void fail(Throwable cause) {
    end(OpenFailure.classify(phase, cause), cause);
  }

  /** The open ran out of time: fails in the current phase and closes the channel. */
  synchronized void timedOut(long millis) {
    if (done) {
      return;
    }
    end(
        OpenFailure.timeout(phase),
        new io.netty.channel.ConnectTimeoutException(
            phase.name().toLowerCase(java.util.Locale.ROOT)
                + " phase not done within "
                + millis
                + " ms"));
    if (channel != null) {
      channel.close();
    }
  }

  private void end(OpenFailure failure, Throwable cause) {
    if (done) {
      return;
    }
    done = true;
    promise.tryFail(transport.unreachable(cause, failure, trace()));
  }

  Promise<UpstreamLink> promise() {
    return promise;
  }

  synchronized ConnectTrace trace() {
    return new ConnectTrace(
        duration(OpenPhase.DNS),
        duration(OpenPhase.TCP),
        duration(OpenPhase.TLS),
        duration(OpenPhase.WS_UPGRADE),
        tlsExpiry);
  }

  private Duration duration(OpenPhase p) {
    long nanos = took[p.ordinal()];
    return nanos < 0 ? null : Duration.ofNanos(nanos);
  }
}
