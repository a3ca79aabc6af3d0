package dev.nexconn.exporter.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox of one receiver: at most {@code capacity} distinct alerts waiting to be delivered, one
 * request in flight at a time, and exponential backoff after a failure. A newer snapshot of an
 * alert replaces the queued one (the receiver only needs the latest state, and it keeps {@code
 * endsAt} fresh); a new alert arriving at a full queue evicts the oldest, which is counted as
 * {@code dropped}. Failed batches go back to the front unless a newer snapshot already waits, and
 * stay until delivered: an alert raised while Alertmanager is down is delivered when it is back.
 *
 * <p>Outcomes per alert: {@code success} (2xx), {@code failure} (unreachable, 5xx or 429; retried),
 * {@code rejected} (any other 4xx: the receiver will never accept it, so it is not retried) and
 * {@code dropped}.
 */
final class DeliveryQueue {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
  private static final int MAX_BATCH = 64;

  private final String receiver;
  private final AlertSender sender;
  private final AlertMetrics metrics;
  private final Clock clock;
  private final int capacity;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private LinkedHashMap<String, Alert> pending = new LinkedHashMap<>();
  private boolean inFlight;
  private Instant nextAttempt = Instant.MIN;
  private Duration backoff;
  private int consecutiveFailures;

  DeliveryQueue(
      String receiver,
      AlertSender sender,
      AlertMetrics metrics,
      Clock clock,
      int capacity,
      Duration initialBackoff,
      Duration maxBackoff) {
    this.receiver = receiver;
    this.sender = sender;
    this.metrics = metrics;
    this.clock = clock;
    this.capacity = capacity;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.backoff = initialBackoff;
  }

  /** Queues the latest snapshot of an alert. */
  synchronized void offer(Alert alert) {
    if (pending.containsKey(alert.name())) {
      pending.put(alert.name(), alert);
      return;
    }
    if (pending.size() >= capacity) {
      Iterator<String> oldest = pending.keySet().iterator();
      oldest.next();
      oldest.remove();
      metrics.notified(receiver, AlertMetrics.DROPPED, 1);
    }
    pending.put(alert.name(), alert);
  }

  synchronized int size() {
    return pending.size();
  }

  /** Sends the next batch if nothing is in flight and the backoff has elapsed. */
  void pump() {
    List<Alert> batch;
    Instant now = clock.instant();
    synchronized (this) {
      if (inFlight || pending.isEmpty() || now.isBefore(nextAttempt)) {
        return;
      }
      batch = new ArrayList<>();
      Iterator<Alert> it = pending.values().iterator();
      while (it.hasNext() && batch.size() < MAX_BATCH) {
        batch.add(it.next());
        it.remove();
      }
      inFlight = true;
    }
    sender
        .send(batch, now)
        .onComplete(
            ar -> {
              boolean more = completed(batch, ar.succeeded() ? ar.result() : -1, ar.cause());
              if (more) {
                pump();
              }
            });
  }

  private synchronized boolean completed(List<Alert> batch, int status, Throwable cause) {
    inFlight = false;
    if (status >= 200 && status < 300) {
      metrics.notified(receiver, AlertMetrics.SUCCESS, batch.size());
      if (consecutiveFailures > 0) {
        LOG.atInfo()
            .addKeyValue("event", "alert_delivery_recovered")
            .addKeyValue("receiver", receiver)
            .addKeyValue("failed_attempts", consecutiveFailures)
            .log();
      }
      consecutiveFailures = 0;
      backoff = initialBackoff;
      nextAttempt = Instant.MIN;
      return !pending.isEmpty();
    }
    if (status >= 400 && status < 500 && status != 429) {
      metrics.notified(receiver, AlertMetrics.REJECTED, batch.size());
      LOG.atWarn()
          .addKeyValue("event", "alert_delivery_rejected")
          .addKeyValue("receiver", receiver)
          .addKeyValue("status", status)
          .addKeyValue("alerts", batch.size())
          .addKeyValue("hint", "check the receiver URL and that it accepts this payload")
          .log();
      return !pending.isEmpty();
    }
    metrics.notified(receiver, AlertMetrics.FAILURE, batch.size());
    if (consecutiveFailures == 0) {
      LOG.atWarn()
          .addKeyValue("event", "alert_delivery_failed")
          .addKeyValue("receiver", receiver)
          .addKeyValue("status", status < 0 ? "none" : status)
          .addKeyValue("error", cause == null ? "" : cause.getMessage())
          .addKeyValue("retry_in_ms", backoff.toMillis())
          .log();
    }
    consecutiveFailures++;
    requeueFront(batch);
    nextAttempt = clock.instant().plus(backoff);
    backoff =
        backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    return false;
  }

  private void requeueFront(List<Alert> batch) {
    LinkedHashMap<String, Alert> merged = new LinkedHashMap<>();
    for (Alert a : batch) {
      if (!pending.containsKey(a.name())) {
        merged.put(a.name(), a);
      }
    }
    for (Map.Entry<String, Alert> e : pending.entrySet()) {
      merged.put(e.getKey(), e.getValue());
    }
    while (merged.size() > capacity) {
      Iterator<String> oldest = merged.keySet().iterator();
      oldest.next();
      oldest.remove();
      metrics.notified(receiver, AlertMetrics.DROPPED, 1);
    }
    pending = merged;
  }
}
