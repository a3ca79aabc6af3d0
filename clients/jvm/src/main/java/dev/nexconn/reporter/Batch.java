package dev.nexconn.reporter;

import java.util.List;

/**
 * One batch: its id stays the same on every retry, so the sidecar counts it once, and so does the
 * number of events the queue dropped before it ({@code dropped}), which it carries to the sidecar.
 */
final class Batch {
  final String batchId;
  final List<String> events;
  final long dropped;
  int attempts;

  Batch(String batchId, List<String> events, long dropped) {
    this.batchId = batchId;
    this.events = events;
    this.dropped = dropped;
  }

  String body(String app) {
    StringBuilder b = new StringBuilder(64 + events.size() * 64);
    b.append("{\"batchId\":").append(Json.string(batchId)).append(",\"app\":").append(app);
    if (dropped > 0) {
      b.append(",\"dropped\":").append(dropped);
    }
    b.append(",\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      b.append(i == 0 ? "" : ",").append(events.get(i));
    }
    return b.append("]}").toString();
  }
}
