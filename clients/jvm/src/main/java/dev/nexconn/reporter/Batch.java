package dev.nexconn.reporter;

import java.util.List;

/** One batch: its id stays the same on every retry, so the sidecar counts it once. */
final class Batch {
  final String batchId;
  final List<String> events;
  int attempts;

  Batch(String batchId, List<String> events) {
    this.batchId = batchId;
    this.events = events;
  }

  String body(String app) {
    StringBuilder b = new StringBuilder(64 + events.size() * 64);
    b.append("{\"batchId\":").append(Json.string(batchId)).append(",\"app\":").append(app);
    b.append(",\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      b.append(i == 0 ? "" : ",").append(events.get(i));
    }
    return b.append("]}").toString();
  }
}
