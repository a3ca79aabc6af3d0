package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;

/**
 * The faults in force, each with an end time checked against the injected clock, so a fault lifts
 * by itself without a timer. One-shot faults (drop, abnormal close, restart) are actions on the
 * endpoint and leave no state here.
 */
final class FaultState {
  private final Clock clock;
  private volatile long refuseUntil;
  private volatile int refuseCode = EmulatorCodes.SERVER_UNAVAILABLE;
  private volatile long halfOpenUntil;
  private volatile long latencyUntil;
  private volatile long latencyMillis;
  private volatile long proxyFailureUntil;
  private volatile int proxyFailureStatus = 502;

  FaultState(Clock clock) {
    this.clock = clock;
  }

  /** New connects are answered with a connack carrying {@code code} for {@code duration}. */
  void refuse(Duration duration, int code) {
    refuseCode = code;
    refuseUntil = clock.millis() + duration.toMillis();
  }

  /** Pings go unanswered for {@code duration}: the socket stays open but is dead (half-open). */
  void halfOpen(Duration duration) {
    halfOpenUntil = clock.millis() + duration.toMillis();
  }

  /** Every frame the server sends is delayed by {@code latency} for {@code duration}. */
  void latency(Duration latency, Duration duration) {
    latencyMillis = latency.toMillis();
    latencyUntil = clock.millis() + duration.toMillis();
  }

  /** WebSocket upgrades are rejected with an HTTP status, as a broken proxy would. */
  void proxyFailure(Duration duration, int httpStatus) {
    proxyFailureStatus = httpStatus;
    proxyFailureUntil = clock.millis() + duration.toMillis();
  }

  void clear() {
    refuseUntil = 0;
    halfOpenUntil = 0;
    latencyUntil = 0;
    proxyFailureUntil = 0;
  }

  /** The refusal code in force, or {@link EmulatorCodes#OK}. */
  int refusalCode() {
    return clock.millis() < refuseUntil ? refuseCode : EmulatorCodes.OK;
  }

  boolean halfOpen() {
    return clock.millis() < halfOpenUntil;
  }

  /** The added frame latency in milliseconds, 0 when none. */
  long latencyMillis() {
    return clock.millis() < latencyUntil ? latencyMillis : 0;
  }

  /** The HTTP status to reject upgrades with, 0 when none. */
  int proxyFailureStatus() {
    return clock.millis() < proxyFailureUntil ? proxyFailureStatus : 0;
  }

  JsonObject toJson() {
    long now = clock.millis();
    return new JsonObject()
        .put("refuseConnects", remaining(refuseUntil, now))
        .put("refuseCode", refuseCode)
        .put("halfOpen", remaining(halfOpenUntil, now))
        .put("latencyMillis", latencyMillis())
        .put("latency", remaining(latencyUntil, now))
        .put("proxyFailure", remaining(proxyFailureUntil, now))
        .put("proxyFailureStatus", proxyFailureStatus);
  }

  private static JsonObject remaining(long until, long now) {
    return new JsonObject()
        .put("active", now < until)
        .put("remainingMillis", Math.max(0, until - now));
  }
}
