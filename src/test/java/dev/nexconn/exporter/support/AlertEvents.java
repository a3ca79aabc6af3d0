package dev.nexconn.exporter.support;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import java.time.Instant;

/** Events the alerting tests feed to the detector. */
public final class AlertEvents {
  private AlertEvents() {}

  /** An SDK-reported transition connected -> {@code to}. */
  public static StatusChanged sdk(ConnectionStatus to, Instant at) {
    return new StatusChanged(
        EventSource.SDK,
        at,
        new Dimensions(Platform.IOS, "5.2.1", ""),
        "",
        "user",
        ConnectionStatus.CONNECTED,
        to,
        0);
  }

  /** An SDK-reported ban (connected -> disconn_exception, error 31011). */
  public static StatusChanged ban(Instant at) {
    return new StatusChanged(
        EventSource.SDK,
        at,
        new Dimensions(Platform.ANDROID, "5.2.1", ""),
        "",
        "user",
        ConnectionStatus.CONNECTED,
        ConnectionStatus.DISCONN_EXCEPTION,
        31011);
  }

  /** A probe connection's transition. */
  public static StatusChanged probe(
      String connectionId, ConnectionStatus from, ConnectionStatus to, Instant at) {
    return new StatusChanged(
        EventSource.PROBE, at, Dimensions.PROBE, connectionId, connectionId, from, to, 0);
  }

  public static ConnectionEvent tokenFailure(EventSource source, String reason, Instant at) {
    return tokenFailure(
        source, TokenFailure.Reason.valueOf(reason.toUpperCase(java.util.Locale.ROOT)), at);
  }

  /** A token failure with {@code reason}. */
  public static ConnectionEvent tokenFailure(
      EventSource source, TokenFailure.Reason reason, Instant at) {
    return new TokenFailure(source, at, Dimensions.NONE, reason);
  }

  public static ConnectionEvent databaseOpened(boolean recreated, Instant at) {
    return new DatabaseOpened(EventSource.SDK, at, Dimensions.NONE, recreated, 0);
  }
}
