package dev.nexconn.exporter.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans alert snapshots out to every receiver's {@link DeliveryQueue}, following Alertmanager's
 * client contract: a change to firing or resolved is queued at once; firing alerts, and resolved
 * ones within their retention, are queued again every {@code resendInterval} so that Alertmanager
 * (which forgets alerts whose {@code endsAt} passed) keeps them, and a lost resolve is repeated.
 * Pending and inactive alerts are never sent.
 */
final class AlertDispatcher {
  private final List<DeliveryQueue> queues;
  private final List<Alert> lastSendable = new CopyOnWriteArrayList<>();
  private final Clock clock;
  private final Duration resendInterval;
  private final Map<String, Instant> lastQueued = new HashMap<>();

  AlertDispatcher(List<DeliveryQueue> queues, Clock clock, Duration resendInterval) {
    this.queues = new CopyOnWriteArrayList<>(queues);
    this.clock = clock;
    this.resendInterval = resendInterval;
  }

  /** A state change from the detector: queue it and try to send now. */
  void onChange(Alert alert) {
    if (!sendable(alert)) {
      return;
    }
    synchronized (this) {
      lastQueued.put(alert.name(), clock.instant());
    }
    queues.forEach(q -> q.offer(alert));
    pump();
  }

  /**
   * Adds a receiver found after start (a new Alertmanager address) and queues every alert that is
   * currently firing or resolved for it, so it does not wait a resend interval to learn them.
   */
  void add(DeliveryQueue queue) {
    queues.add(queue);
    lastSendable.forEach(queue::offer);
    queue.pump();
  }

  /** Removes a receiver that is gone (an address no longer behind the name). */
  void remove(DeliveryQueue queue) {
    queues.remove(queue);
  }

  /** Periodic: re-queue active alerts that are due and retry what is waiting. */
  void tick(List<Alert> alerts) {
    Instant now = clock.instant();
    lastSendable.clear();
    alerts.stream().filter(AlertDispatcher::sendable).forEach(lastSendable::add);
    for (Alert a : alerts) {
      if (!sendable(a)) {
        continue;
      }
      boolean due;
      synchronized (this) {
        Instant last = lastQueued.get(a.name());
        due = last == null || !now.isBefore(last.plus(resendInterval));
        if (due) {
          lastQueued.put(a.name(), now);
        }
      }
      if (due) {
        queues.forEach(q -> q.offer(a));
      }
    }
    pump();
  }

  private void pump() {
    queues.forEach(DeliveryQueue::pump);
  }

  private static boolean sendable(Alert a) {
    return a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED;
  }
}
