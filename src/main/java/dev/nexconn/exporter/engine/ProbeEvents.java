package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.ConnectAttemptTraced;
import dev.nexconn.exporter.event.ConnectCompleted;
import dev.nexconn.exporter.event.ConnectFailureReason;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.event.HeartbeatMeasured;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.SdkErrorCode;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TlsCertificateSeen;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import dev.nexconn.exporter.event.UpstreamFrameRejected;
import dev.nexconn.exporter.token.TokenFetchException;
import dev.nexconn.exporter.transport.ConnectTrace;
import dev.nexconn.exporter.transport.TlsExpiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Publishes what probe connections go through, as {@code source=probe} events with the probe
 * dimensions. The engine publishes only; the metrics package turns events into series.
 */
final class ProbeEvents {
  private final EventBus bus;
  private final Clock clock;
  private final ProbeProblemLog problems;
  private final RejectedFrameLog rejectedFrames;

  /** The bus events go to, for the engine's other publishers (message probes). */
  EventBus bus() {
    return bus;
  }

  ProbeEvents(EventBus bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
    this.problems = new ProbeProblemLog(clock);
    this.rejectedFrames = new RejectedFrameLog(clock);
  }

  void status(String id, String userId, ConnectionStatus from, ConnectionStatus to, int code) {
    publish(
        new StatusChanged(
            EventSource.PROBE, clock.instant(), Dimensions.PROBE, id, userId, from, to, code));
  }

  void reconnect(String id, int attempt, Duration delay) {
    publish(
        new ReconnectAttempt(
            EventSource.PROBE, clock.instant(), Dimensions.PROBE, id, attempt, delay));
  }

  void completed(String id, Duration took, Duration recovery) {
    publish(
        new ConnectCompleted(
            EventSource.PROBE, clock.instant(), Dimensions.PROBE, id, took, recovery));
  }

  void heartbeat(String id, Duration rtt) {
    publish(new HeartbeatMeasured(EventSource.PROBE, clock.instant(), Dimensions.PROBE, id, rtt));
  }

  /**
   * One connect attempt ended: its phase durations and, on failure, the reason; a TLS handshake's
   * certificate expiry is published beside it.
   */
  void attempt(String id, ConnectTrace trace, Duration connack, ConnectFailureReason failure) {
    Instant at = clock.instant();
    publish(
        new ConnectAttemptTraced(
            EventSource.PROBE,
            at,
            Dimensions.PROBE,
            id,
            ConnectTraces.phases(trace, connack),
            failure));
    TlsExpiry tls = trace == null ? null : trace.tlsExpiry();
    if (tls != null && failure == null) {
      publish(
          new TlsCertificateSeen(
              EventSource.PROBE, at, Dimensions.PROBE, tls.leafNotAfter(), tls.earliestNotAfter()));
    }
  }

  void tokenFailure(TokenFailure.Reason reason) {
    publish(new TokenFailure(EventSource.PROBE, clock.instant(), Dimensions.PROBE, reason));
  }

  /** The token provider failed: counts {@code fetch_failed} and logs why (rate-limited). */
  void tokenFetchFailed(String group, Throwable cause) {
    tokenFailure(TokenFailure.Reason.FETCH_FAILED);
    // Only TokenFetchException messages are secret-free by contract; others are named by type.
    String why =
        cause instanceof TokenFetchException && cause.getMessage() != null
            ? cause.getMessage()
            : "token provider failed (" + cause.getClass().getSimpleName() + ")";
    problems.report(
        "token_fetch_failed",
        group,
        ConnectionStatus.SUSPEND,
        SdkErrorCode.TOKEN_FETCH_FAILED.code(),
        why);
  }

  /** The refresh guard is used up: counts {@code refresh_exhausted} and logs it (rate-limited). */
  void refreshExhausted(String group, ConnectError error) {
    tokenFailure(TokenFailure.Reason.REFRESH_EXHAUSTED);
    problems.report(
        "token_refresh_exhausted",
        group,
        ConnectionStatus.TOKEN_INCORRECT,
        error.code(),
        error.message());
  }

  /** A probe stopped for good (kicked, banned, timeout...): logs it (rate-limited). */
  void ended(String group, ConnectionStatus status, int code, String message) {
    problems.report("probe_ended", group, status, code, message);
  }

  /** A message from the upstream was refused: counts it and logs why (rate-limited per reason). */
  void frameRejected(String id, String group, FrameRejectReason reason, String detail) {
    publish(
        new UpstreamFrameRejected(
            EventSource.PROBE, clock.instant(), Dimensions.PROBE, id, reason));
    rejectedFrames.report(reason, id, group, detail);
  }

  void tokenRefresh(boolean success) {
    publish(
        new TokenRefresh(
            EventSource.PROBE,
            clock.instant(),
            Dimensions.PROBE,
            TokenRefresh.Outcome.of(success)));
  }

  void database(boolean recreated, int errorCode) {
    publish(
        new DatabaseOpened(
            EventSource.PROBE, clock.instant(), Dimensions.PROBE, recreated, errorCode));
  }

  private void publish(ConnectionEvent event) {
    bus.publish(event);
  }
}
