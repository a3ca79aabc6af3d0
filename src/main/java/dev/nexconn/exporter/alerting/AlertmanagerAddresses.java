package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.config.AlertReceiverConfig;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link DeliveryQueue} per address behind an Alertmanager receiver's host name (a
 * headless Service resolves to every pod of the Alertmanager cluster), re-resolving it every {@code
 * refreshInterval}. A new address gets a queue holding every active alert at once; a vanished
 * address loses its queue (the others still deliver). A failed lookup keeps the last known
 * addresses. Each queue's {@code receiver} label is {@code name@address}, bounded by the number of
 * Alertmanager instances.
 *
 * <pre>{@code
 * alertmanagers:
 *   - url: http://alertmanager-operated.monitoring.svc:9093
 *     discovery: dns
 *     refreshInterval: 30s
 * }</pre>
 */
final class AlertmanagerAddresses {
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerAddresses.class);

  /** A blocking name lookup, {@code InetAddress::getAllByName} in production. */
  interface Resolver {
    InetAddress[] resolve(String host) throws Exception;
  }

  private final AlertReceiverConfig receiver;
  private final Resolver resolver;
  private final BiFunction<String, InetAddress, DeliveryQueue> queues;
  private final AlertDispatcher dispatcher;
  private final Map<String, DeliveryQueue> byAddress = new LinkedHashMap<>();
  private boolean lookupFailing;
  private Vertx vertx;
  private long timer = -1;

  /**
   * @param queues builds the queue of one address, given its receiver label and the address
   */
  AlertmanagerAddresses(
      AlertReceiverConfig receiver,
      Resolver resolver,
      BiFunction<String, InetAddress, DeliveryQueue> queues,
      AlertDispatcher dispatcher) {
    this.receiver = receiver;
    this.resolver = resolver;
    this.queues = queues;
    this.dispatcher = dispatcher;
  }

  /** Resolves now and then every {@code refreshInterval}, off the event loop. */
  synchronized void start(Vertx vertx) {
    if (timer >= 0) {
      return;
    }
    this.vertx = vertx;
    refresh();
    timer = vertx.setPeriodic(receiver.refreshInterval().toMillis(), id -> refresh());
  }

  synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void refresh() {
    String host = receiver.url().getHost();
    vertx
        .executeBlocking(() -> List.of(resolver.resolve(host)), false)
        .onSuccess(this::update)
        .onFailure(this::lookupFailed);
  }

  /** Applies a lookup's answer: queues for new addresses, none for vanished ones. */
  synchronized void update(List<InetAddress> addresses) {
    if (lookupFailing) {
      lookupFailing = false;
      LOG.atInfo()
          .addKeyValue("event", "alertmanager_lookup_recovered")
          .addKeyValue("receiver", receiver.name())
          .log();
    }
    Map<String, InetAddress> now = new LinkedHashMap<>();
    addresses.forEach(a -> now.put(a.getHostAddress(), a));
    byAddress
        .entrySet()
        .removeIf(
            e -> {
              if (now.containsKey(e.getKey())) {
                return false;
              }
              dispatcher.remove(e.getValue());
              LOG.atInfo()
                  .addKeyValue("event", "alertmanager_address_removed")
                  .addKeyValue("receiver", receiver.name())
                  .addKeyValue("address", e.getKey())
                  .log();
              return true;
            });
    now.forEach(
        (key, address) -> {
          if (!byAddress.containsKey(key)) {
            DeliveryQueue q = queues.apply(receiver.name() + "@" + key, address);
            byAddress.put(key, q);
            dispatcher.add(q);
            LOG.atInfo()
                .addKeyValue("event", "alertmanager_address_added")
                .addKeyValue("receiver", receiver.name())
                .addKeyValue("address", key)
                .log();
          }
        });
  }

  private synchronized void lookupFailed(Throwable cause) {
    if (!lookupFailing) {
      lookupFailing = true;
      LOG.atWarn()
          .addKeyValue("event", "alertmanager_lookup_failed")
          .addKeyValue("receiver", receiver.name())
          .addKeyValue("host", receiver.url().getHost())
          .addKeyValue("error", cause.getClass().getSimpleName())
          .addKeyValue("kept_addresses", byAddress.size())
          .addKeyValue("fix", "check that the name resolves (a headless Service needs ready pods)")
          .log();
    }
  }

  /** The current addresses, for tests and the status page. */
  synchronized List<String> addresses() {
    return List.copyOf(byAddress.keySet());
  }
}
