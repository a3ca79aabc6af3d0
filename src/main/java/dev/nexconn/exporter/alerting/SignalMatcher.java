package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.config.AlertSignal;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import java.util.EnumSet;
import java.util.Set;

/**
 * How much one event adds to a counting signal. The selections match the PromQL of the shipped
 * Prometheus rules, so the sidecar and Prometheus count the same things.
 */
final class SignalMatcher {
  private static final Set<TokenFailure.Reason> TOKEN_REASONS =
      EnumSet.of(TokenFailure.Reason.INCORRECT, TokenFailure.Reason.EXPIRED);

  private SignalMatcher() {}

  /** 1 when the event counts towards {@code signal}, else 0. */
  static int count(AlertSignal signal, ConnectionEvent event) {
    return switch (signal) {
      case BAN -> toStatus(event, ConnectionStatus.DISCONN_EXCEPTION);
      case KICK -> toStatus(event, ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
      case USER_ABANDON -> toStatus(event, ConnectionStatus.USER_ABANDON);
      case TOKEN_EXPIRY -> {
        if (event instanceof TokenFailure failure) {
          yield TOKEN_REASONS.contains(failure.reason()) ? 1 : 0;
        }
        yield toStatus(event, ConnectionStatus.TOKEN_INCORRECT);
      }
      case DATABASE_RECREATE ->
          event instanceof DatabaseOpened opened && opened.recreated() ? 1 : 0;
      case PROBES_DOWN -> 0;
    };
  }

  private static int toStatus(ConnectionEvent event, ConnectionStatus status) {
    return event instanceof StatusChanged change && change.to() == status ? 1 : 0;
  }
}
