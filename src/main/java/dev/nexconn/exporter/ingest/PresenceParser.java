package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.event.PresenceChanged.Presence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a presence webhook envelope ({@code user:connection_status}, {@code docs/ingest.md})
 * and maps its items to {@link PresenceChanged} events by {@code status} and {@code os}: the
 * webhook's twin of {@link ReportParser}, with the same batch semantics. An invalid envelope
 * ({@code type}, {@code id}, the {@code data} list or its size) rejects it whole; otherwise each
 * item stands alone. Another webhook type (soft-delete results may share the URL) is valid and
 * yields nothing. User ids, IPs and session ids are read past and never kept.
 *
 * <pre>{@code
 * ParsedReport envelope = new PresenceParser(500).parse(json, clock.instant());
 * }</pre>
 */
public final class PresenceParser {
  /** The webhook type this parser maps. */
  public static final String TYPE = "user:connection_status";

  private final int maxItems;

  /**
   * @param maxItems most items per envelope
   */
  public PresenceParser(int maxItems) {
    this.maxItems = maxItems;
  }

  /** Validates {@code root} (the parsed body); items without a time get {@code now}. */
  public ParsedReport parse(JsonNode root, Instant now) {
    List<FieldError> envelope = new ArrayList<>();
    JsonNode id = root.get("id");
    JsonNode type = root.get("type");
    JsonNode data = root.get("data");
    if (!root.isObject()) {
      envelope.add(new FieldError("", "the body must be a JSON object {type, id, time, data}"));
    } else {
      if (type == null || !type.isTextual()) {
        envelope.add(new FieldError("type", "is required, e.g. \"" + TYPE + "\""));
      }
      if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > 64) {
        envelope.add(new FieldError("id", "is required: the envelope id, 1-64 characters"));
      }
      if (data == null || !data.isArray()) {
        envelope.add(new FieldError("data", "is required: a list of presence items"));
      } else if (data.size() > maxItems) {
        envelope.add(
            new FieldError(
                "data", "has " + data.size() + " items, at most " + maxItems + " are allowed"));
      }
    }
    int total = data != null && data.isArray() ? data.size() : 0;
    String envelopeId = id != null && id.isTextual() ? id.asText() : null;
    if (!envelope.isEmpty()) {
      return new ParsedReport(
          envelopeId,
          envelope,
          List.of(),
          List.of(),
          0,
          rejected(EventRejectReason.INVALID, total));
    }
    if (!TYPE.equals(type.asText())) {
      return new ParsedReport(
          envelopeId,
          List.of(),
          List.of(),
          List.of(),
          0,
          rejected(EventRejectReason.UNKNOWN_TYPE, total));
    }
    List<FieldError> itemErrors = new ArrayList<>();
    List<ConnectionEvent> events = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      PresenceChanged event = item(data.get(i), "data[" + i + "]", now, itemErrors);
      if (event != null) {
        events.add(event);
      }
    }
    return new ParsedReport(
        envelopeId,
        List.of(),
        itemErrors,
        events,
        events.size(),
        rejected(EventRejectReason.INVALID, total - events.size()));
  }

  private static Map<EventRejectReason, Integer> rejected(EventRejectReason reason, int count) {
    Map<EventRejectReason, Integer> out = new EnumMap<>(EventRejectReason.class);
    if (count > 0) {
      out.put(reason, count);
    }
    return out;
  }

  private static PresenceChanged item(
      JsonNode item, String path, Instant fallback, List<FieldError> errors) {
    int before = errors.size();
    if (!item.isObject()) {
      errors.add(new FieldError(path, "must be an object {userId, status, os, time}"));
      return null;
    }
    JsonNode status = item.get("status");
    Presence presence = null;
    if (status != null && (status.isTextual() || status.isIntegralNumber())) {
      for (Presence p : Presence.values()) {
        if (p.wireCode().equals(status.asText())) {
          presence = p;
        }
      }
    }
    if (presence == null) {
      errors.add(
          new FieldError(
              path + ".status",
              "must be \"0\" (connected), \"1\" (disconnected) or \"2\" (logged out), got "
                  + EventParser.shown(status)));
    }
    JsonNode os = item.get("os");
    if (os != null && !os.isNull() && (!os.isTextual() || os.asText().length() > 32)) {
      errors.add(new FieldError(path + ".os", "must be a string of at most 32 characters"));
    }
    JsonNode user = item.get("userId");
    if (user == null || !user.isTextual() || user.asText().isEmpty()) {
      errors.add(new FieldError(path + ".userId", "is required"));
    }
    JsonNode time = item.get("time");
    Instant at =
        time != null && time.isIntegralNumber() && time.asLong() > 0
            ? Instant.ofEpochMilli(time.asLong())
            : fallback;
    if (errors.size() > before) {
      return null;
    }
    String osText = os == null || os.isNull() ? "" : os.asText();
    return new PresenceChanged(EventSource.WEBHOOK, at, new Dimensions(null, "", osText), presence);
  }
}
