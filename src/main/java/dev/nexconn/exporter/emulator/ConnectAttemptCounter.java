package dev.nexconn.exporter.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * Counts WebSocket upgrade attempts on the connect path in fixed windows (100 ms), keeping the last
 * two minutes, so a benchmark can see how hard a fleet hits the server when it reconnects. One
 * array of counts, no allocation per attempt.
 *
 * <pre>{@code
 * GET /admin/v1/connect-attempts
 * {"windowMillis":100,"total":5000,"windows":[{"start":1764315300100,"count":1873},...]}
 * }</pre>
 */
final class ConnectAttemptCounter {
  static final int WINDOW_MILLIS = 100;
  private static final int WINDOWS = 1200;

  private final Clock clock;
  private final long[] windowIndex = new long[WINDOWS];
  private final int[] counts = new int[WINDOWS];
  private long total;

  ConnectAttemptCounter(Clock clock) {
    this.clock = clock;
    java.util.Arrays.fill(windowIndex, -1);
  }

  /** Counts one attempt now. */
  synchronized void record() {
    long index = clock.millis() / WINDOW_MILLIS;
    int slot = (int) (index % WINDOWS);
    if (windowIndex[slot] != index) {
      windowIndex[slot] = index;
      counts[slot] = 0;
    }
    counts[slot]++;
    total++;
  }

  /** Attempts since the emulator started. */
  synchronized long total() {
    return total;
  }

  /** The total and every non-empty window of the last two minutes, oldest first. */
  synchronized JsonObject toJson() {
    long now = clock.millis() / WINDOW_MILLIS;
    JsonArray windows = new JsonArray();
    for (long index = now - WINDOWS + 1; index <= now; index++) {
      int slot = (int) (Math.floorMod(index, (long) WINDOWS));
      if (windowIndex[slot] == index && counts[slot] > 0) {
        windows.add(
            new JsonObject().put("start", index * WINDOW_MILLIS).put("count", counts[slot]));
      }
    }
    return new JsonObject()
        .put("windowMillis", WINDOW_MILLIS)
        .put("total", total)
        .put("windows", windows);
  }
}
