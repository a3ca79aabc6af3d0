package dev.nexconn.exporter.alerting;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Sends one batch of alerts to one receiver. The returned future completes with the HTTP status
 * code, or fails when the receiver could not be reached; it never throws.
 */
@FunctionalInterface
public interface AlertSender {
  Future<Integer> send(List<Alert> alerts, Instant now);
}
