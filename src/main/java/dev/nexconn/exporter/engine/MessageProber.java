package dev.nexconn.exporter.engine;

import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.MessageProbed;
import dev.nexconn.exporter.event.MessageProbed.Outcome;
import dev.nexconn.exporter.transport.Frame;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Message round-trip probes between pairs of probe connections: every {@link #tick} each probe of a
 * pair sends the other a message carrying the direction's next sequence number and the send time; a
 * delivery within the deadline is a round trip, none is a loss, a second delivery a duplicate, a
 * delivery below the direction's highest delivered sequence out of order, and a delivery after the
 * loss was counted late. Outcomes go to the event bus as {@link MessageProbed} ({@code
 * docs/metrics.md}, "Message round trips").
 *
 * <p>Connections are paired in order (1-2, 3-4, ...); a connection that is not connected when a
 * tick comes sends nothing that tick (connection health is measured elsewhere). Deliveries arrive
 * on the receivers' contexts and ticks on a timer's, so the state is guarded by this object's lock;
 * it is a few entries per pair. Remembered deliveries and losses are bounded.
 */
public final class MessageProber {
  private static final int REMEMBERED = 4096;
  private static final String BODY = "nexconn-exporter message probe";

  private record Key(String from, String to, long seq) {}

  /** Sends one message through the Server API; a failed future counts as lost at the deadline. */
  @FunctionalInterface
  public interface ServerApiSend {
    io.vertx.core.Future<?> send(String fromUserId, String toUserId, long seq, long sentAt);
  }

  /**
   * The sender id of Server API messages: no probe signs in as it, so a delivery from it is a
   * {@code server_api} round trip.
   */
  public static final String SERVER_API_SENDER = "nexconn-exporter-server-api";

  private final List<ProbeConnection[]> pairs = new ArrayList<>();
  private ServerApiSend serverApi;
  private final Duration deadline;
  private final EventBus bus;
  private final Clock clock;
  private final Map<String, Long> nextSeq = new HashMap<>();
  private final Map<String, Long> highestDelivered = new HashMap<>();
  private final Map<Key, Long> pending = new LinkedHashMap<>();
  private final Set<Key> lost = new LinkedHashSet<>();
  private final Set<Key> delivered = new LinkedHashSet<>();

  /**
   * @param connections paired in order; an odd last one is left out
   * @param pairLimit at most this many pairs (0: as many as there are)
   * @param deadline a message not delivered within it counts as lost
   */
  public MessageProber(
      List<ProbeConnection> connections,
      int pairLimit,
      Duration deadline,
      EventBus bus,
      Clock clock) {
    this.deadline = deadline;
    this.bus = bus;
    this.clock = clock;
    for (int i = 0; i + 1 < connections.size(); i += 2) {
      if (pairLimit > 0 && pairs.size() >= pairLimit) {
        break;
      }
      ProbeConnection a = connections.get(i);
      ProbeConnection b = connections.get(i + 1);
      a.messageListener(this::onDelivered);
      b.messageListener(this::onDelivered);
      pairs.add(new ProbeConnection[] {a, b});
    }
  }

  /**
   * Also sends, every tick, one message per pair through the Server API to the pair's first probe.
   */
  public MessageProber withServerApi(ServerApiSend send) {
    this.serverApi = send;
    return this;
  }

  /** How many pairs probe. */
  public int pairCount() {
    return pairs.size();
  }

  /** Counts the overdue messages as lost, then sends one message each way in every pair. */
  public void tick() {
    long now = clock.millis();
    expire(now);
    for (ProbeConnection[] p : pairs) {
      send(p[0], p[1], now);
      send(p[1], p[0], now);
      if (serverApi != null) {
        sendViaServerApi(p[0], now);
      }
    }
  }

  private void sendViaServerApi(ProbeConnection to, long now) {
    if (to.status() != dev.nexconn.exporter.event.ConnectionStatus.CONNECTED) {
      return; // an offline recipient would be a loss of the probe, not of the Server API
    }
    Key key;
    synchronized (this) {
      String direction = SERVER_API_SENDER + ">" + to.user();
      long seq = nextSeq.merge(direction, 1L, Long::sum);
      key = new Key(SERVER_API_SENDER, to.user(), seq);
      pending.put(key, now);
    }
    // A refused or failed call stays pending and counts as lost at the deadline: the message
    // did not arrive, whatever the reason.
    serverApi.send(SERVER_API_SENDER, to.user(), key.seq(), now);
  }

  private void send(ProbeConnection from, ProbeConnection to, long now) {
    Key key;
    synchronized (this) {
      String direction = from.user() + ">" + to.user();
      long seq = nextSeq.merge(direction, 1L, Long::sum);
      key = new Key(from.user(), to.user(), seq);
      pending.put(key, now);
    }
    from.sendMessage(new Frame.Send(key.seq(), now, to.user(), BODY), () -> cancel(key));
  }

  private synchronized void cancel(Key key) {
    pending.remove(key);
  }

  private void expire(long now) {
    List<MessageProbed.Path> expired = new ArrayList<>();
    synchronized (this) {
      Iterator<Map.Entry<Key, Long>> it = pending.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Key, Long> e = it.next();
        if (now - e.getValue() < deadline.toMillis()) {
          continue;
        }
        it.remove();
        remember(lost, e.getKey());
        expired.add(path(e.getKey()));
      }
    }
    for (MessageProbed.Path p : expired) {
      publish(p, Outcome.LOST, null);
    }
  }

  private void onDelivered(ProbeConnection to, Frame.Deliver d) {
    long now = clock.millis();
    Key key = new Key(d.from(), to.user(), d.seq());
    Outcome outcome;
    Duration took = null;
    synchronized (this) {
      Long sentAt = pending.remove(key);
      if (sentAt != null) {
        took = Duration.ofMillis(Math.max(0, now - sentAt));
        String direction = key.from() + ">" + key.to();
        long highest = highestDelivered.getOrDefault(direction, 0L);
        outcome = key.seq() < highest ? Outcome.OUT_OF_ORDER : Outcome.DELIVERED;
        highestDelivered.put(direction, Math.max(highest, key.seq()));
        remember(delivered, key);
      } else if (lost.remove(key)) {
        took = Duration.ofMillis(Math.max(0, now - d.sentAt()));
        outcome = Outcome.LATE;
        remember(delivered, key);
      } else if (delivered.contains(key)) {
        outcome = Outcome.DUPLICATED;
      } else {
        return; // not one of ours (another process's probe, or forgotten long ago)
      }
    }
    publish(path(key), outcome, took);
  }

  private static MessageProbed.Path path(Key key) {
    return key.from().equals(SERVER_API_SENDER)
        ? MessageProbed.Path.SERVER_API
        : MessageProbed.Path.PROBE;
  }

  private static void remember(Set<Key> set, Key key) {
    set.add(key);
    if (set.size() > REMEMBERED) {
      Iterator<Key> oldest = set.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private void publish(MessageProbed.Path path, Outcome outcome, Duration took) {
    bus.publish(
        new MessageProbed(
            EventSource.PROBE, clock.instant(), Dimensions.PROBE, path, outcome, took));
  }
}
