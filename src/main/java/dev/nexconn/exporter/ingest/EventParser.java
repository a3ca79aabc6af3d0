package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.SdkErrorCode;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates one reported event and turns it into connection events. It collects every problem of
 * the event (not just the first) so that the client sees all bad fields at once.
 */
final class EventParser {
  static final int MAX_NAME_LENGTH = 64;

  /** A value short and plain enough to quote in an error: no token or secret has this form. */
  private static final Pattern QUOTABLE = Pattern.compile("[a-z_]{1,15}|[0-9]{1,6}");

  private static final Set<String> PRIVATE_FIELDS =
      Set.of("userId", "sessionId", "clientIp", "ip", "token", "accessToken", "deviceId");

  /**
   * The fields of each type. Lists, not sets: a scan of three or four field names (Jackson hands
   * out the same canonical strings, so {@code equals} hits its identity check) costs less than
   * hashing each name.
   */
  static final Map<String, List<String>> FIELDS =
      Map.of(
          "status", List.of("type", "at", "status", "errorCode"),
          "database_opened", List.of("type", "at", "isRecreated", "errorCode"),
          "reconnect", List.of("type", "at", "attempt", "delayMs"),
          "token_refresh", List.of("type", "at", "outcome"));

  static final List<String> TYPES =
      List.of("status", "database_opened", "reconnect", "token_refresh");

  private final Instant now;
  private final Duration maxAge;
  private final Duration maxSkew;
  private final Instant oldest;
  private final Instant newest;

  EventParser(Instant now, Duration maxAge, Duration maxSkew) {
    this.now = now;
    this.oldest = now.minus(maxAge);
    this.newest = now.plus(maxSkew);
    this.maxAge = maxAge;
    this.maxSkew = maxSkew;
  }

  /** The result for one event: its connection events, or errors with the dominant reason. */
  record Result(List<ConnectionEvent> events, List<FieldError> errors, EventRejectReason reason) {}

  /**
   * Parses {@code node}, the event at {@code index} of the batch (its path {@code events[index]}
   * appears only in errors, so the happy path builds no string). {@code previous} is the status of
   * the batch's previous accepted status report (the {@code from} of this one), or {@code null}.
   */
  Result parse(
      JsonNode node, int index, Platform platform, Dimensions dims, ConnectionStatus previous) {
    List<FieldError> errors = new ArrayList<>();
    if (!node.isObject()) {
      errors.add(new FieldError(path(index), "must be an object with type and at"));
      return new Result(List.of(), errors, EventRejectReason.INVALID);
    }
    JsonNode typeNode = node.get("type");
    String type =
        typeNode != null && typeNode.isTextual() ? canonicalType(typeNode.asText()) : null;
    if (type == null) {
      errors.add(
          new FieldError(
              path(index) + ".type",
              "must be one of " + new TreeSet<>(FIELDS.keySet()) + ", got " + shown(typeNode)));
      return new Result(List.of(), errors, EventRejectReason.UNKNOWN_TYPE);
    }
    checkFields(node, index, FIELDS.get(type), errors);
    Instant at = instant(node.get("at"), index, errors);
    boolean outOfWindow = at != null && !inWindow(at, index, errors);
    List<ConnectionEvent> events = new ArrayList<>();
    EventRejectReason reason = EventRejectReason.INVALID;
    Instant when = at == null ? now : at;
    switch (type) {
      case "status" -> {
        int code = integer(node, "errorCode", index, 0, 0, 99_999, false, errors);
        ConnectionStatus status = status(node.get("status"), index, platform, code, errors);
        if (status == null && errors.stream().anyMatch(e -> e.path().endsWith(".status"))) {
          reason = EventRejectReason.UNKNOWN_STATUS;
        }
        if (status != null) {
          statusEvents(events, when, dims, previous, status, code);
        }
      }
      case "database_opened" -> {
        if (platform == Platform.FLUTTER) {
          errors.add(
              new FieldError(
                  path(index) + ".type",
                  "the Flutter SDK has no database-opened callback; report database_opened from"
                      + " ios, android or web"));
        }
        JsonNode recreated = node.get("isRecreated");
        if (recreated == null || !recreated.isBoolean()) {
          errors.add(new FieldError(path(index) + ".isRecreated", "is required: true or false"));
        }
        int code = integer(node, "errorCode", index, 0, 0, 99_999, false, errors);
        if (recreated != null && recreated.isBoolean()) {
          events.add(new DatabaseOpened(EventSource.SDK, when, dims, recreated.asBoolean(), code));
        }
      }
      case "reconnect" -> {
        int attempt = integer(node, "attempt", index, 0, 1, 1_000_000, true, errors);
        int delay = integer(node, "delayMs", index, 0, 0, 86_400_000, false, errors);
        events.add(
            new ReconnectAttempt(
                EventSource.SDK, when, dims, "", attempt, Duration.ofMillis(delay)));
      }
      default -> {
        JsonNode outcome = node.get("outcome");
        String value = outcome != null && outcome.isTextual() ? outcome.asText() : null;
        Optional<TokenRefresh.Outcome> parsed =
            value == null ? Optional.empty() : TokenRefresh.Outcome.fromLabel(value);
        if (parsed.isEmpty()) {
          errors.add(
              new FieldError(
                  path(index) + ".outcome",
                  "must be \"success\" or \"failure\", got " + shown(outcome)));
        } else {
          events.add(new TokenRefresh(EventSource.SDK, when, dims, parsed.get()));
        }
      }
    }
    if (outOfWindow && reason == EventRejectReason.INVALID) {
      reason = EventRejectReason.OUT_OF_WINDOW;
    }
    return errors.isEmpty()
        ? new Result(events, List.of(), null)
        : new Result(List.of(), errors, reason);
  }

  /**
   * The events of a status report: the change from {@code previous} (the batch's previous accepted
   * status) and, when the status and code mean one, a token failure.
   */
  static void statusEvents(
      List<ConnectionEvent> out,
      Instant when,
      Dimensions dims,
      ConnectionStatus previous,
      ConnectionStatus status,
      int code) {
    out.add(new StatusChanged(EventSource.SDK, when, dims, "", "", previous, status, code));
    TokenFailure.Reason.of(status, code)
        .ifPresent(r -> out.add(new TokenFailure(EventSource.SDK, when, dims, r)));
  }

  /** The status {@code errorCode} names on {@code platform}, or null. */
  static ConnectionStatus statusOfCode(int errorCode, Platform platform) {
    return SdkErrorCode.statusOf(errorCode, platform).orElse(null);
  }

  /**
   * The status a report means: its own, unless that is a generic one ({@code UNCONNECTED}, {@code
   * UNKNOWN}) and the error code names a more precise one.
   */
  static ConnectionStatus refine(ConnectionStatus reported, ConnectionStatus fromCode) {
    boolean generic =
        reported == ConnectionStatus.UNCONNECTED || reported == ConnectionStatus.UNKNOWN;
    return generic && fromCode != null ? fromCode : reported;
  }

  /** An RFC 3339 time of at most {@link #MAX_NAME_LENGTH} characters, or null. */
  static Instant rfc3339(String raw) {
    if (raw.length() > MAX_NAME_LENGTH) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private ConnectionStatus status(
      JsonNode node, int index, Platform platform, int code, List<FieldError> errors) {
    ConnectionStatus fromCode = statusOfCode(code, platform);
    ConnectionStatus reported = null;
    if (node == null || node.isNull()) {
      if (fromCode == null) {
        errors.add(
            new FieldError(
                path(index) + ".status",
                "is required (a status name or number), unless errorCode names the status"));
      }
      return fromCode;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      if (!platform.acceptsNumericStatus()) {
        errors.add(
            new FieldError(
                path(index) + ".status",
                "the web platform reports status names (CONNECTING, CONNECTED, DISCONNECT,"
                    + " SUSPEND), got the number "
                    + node.asInt()));
        return null;
      }
      reported = platform.statusForCode(node.asInt()).orElse(null);
      if (reported == null) {
        errors.add(
            new FieldError(
                path(index) + ".status",
                "unknown " + platform.label() + " status code " + node.asInt() + docHint()));
        return null;
      }
    } else if (node.isTextual()) {
      String raw = node.asText();
      if (raw.length() > MAX_NAME_LENGTH) {
        errors.add(
            new FieldError(
                path(index) + ".status", "must be at most " + MAX_NAME_LENGTH + " characters"));
        return null;
      }
      reported = platform.statusForName(raw).orElse(null);
      if (reported == null) {
        errors.add(
            new FieldError(
                path(index) + ".status",
                "unknown " + platform.label() + " status name " + shown(node) + docHint()));
        return null;
      }
    } else {
      errors.add(
          new FieldError(
              path(index) + ".status", "must be a status name or number, got " + shown(node)));
      return null;
    }
    return refine(reported, fromCode);
  }

  private static String docHint() {
    return "; see docs/ingest.md for the status table of each platform";
  }

  /**
   * The type's own constant (its hash is cached, unlike the fresh string of each event), or null
   * for an unknown type.
   */
  private static String canonicalType(String raw) {
    for (String t : TYPES) {
      if (t.equals(raw)) {
        return t;
      }
    }
    return null;
  }

  private void checkFields(JsonNode node, int index, List<String> known, List<FieldError> out) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (known.contains(name)) {
        continue;
      }
      if (PRIVATE_FIELDS.contains(name)) {
        out.add(
            new FieldError(
                path(index) + "." + name,
                "is not accepted: reports must not carry user ids, session ids, IPs or tokens;"
                    + " remove the field"));
      } else if (!known.contains(name)) {
        out.add(
            new FieldError(
                path(index) + "." + name,
                "unknown field; known fields are " + new TreeSet<>(known)));
      }
    }
  }

  private Instant instant(JsonNode node, int index, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      errors.add(
          new FieldError(
              path(index) + ".at", "is required: epoch milliseconds or an RFC 3339 time"));
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0) {
      return Instant.ofEpochMilli(node.asLong());
    }
    Instant parsed = node.isTextual() ? rfc3339(node.asText()) : null;
    if (parsed != null) {
      return parsed;
    }
    errors.add(
        new FieldError(
            path(index) + ".at",
            "must be epoch milliseconds or an RFC 3339 time like 2026-11-28T07:00:00Z, got "
                + shown(node)));
    return null;
  }

  private boolean inWindow(Instant at, int index, List<FieldError> errors) {
    if (at.isBefore(oldest)) {
      errors.add(
          new FieldError(
              path(index) + ".at",
              "is older than " + maxAge.toHours() + " h: drop old events before sending"));
      return false;
    }
    if (at.isAfter(newest)) {
      errors.add(
          new FieldError(
              path(index) + ".at",
              "is more than "
                  + maxSkew.toSeconds()
                  + " s in the future: check the device clock or send epoch milliseconds"));
      return false;
    }
    return true;
  }

  private static int integer(
      JsonNode event,
      String field,
      int index,
      int fallback,
      int min,
      int max,
      boolean required,
      List<FieldError> errors) {
    JsonNode node = event.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(new FieldError(path(index) + "." + field, "is required: a whole number"));
      }
      return fallback;
    }
    if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
      errors.add(
          new FieldError(
              path(index) + "." + field,
              "must be a whole number from " + min + " to " + max + ", got " + shown(node)));
      return fallback;
    }
    return node.asInt();
  }

  /** The path of the event at {@code index}, built only for an error. */
  static String path(int index) {
    return "events[" + index + "]";
  }

  /**
   * A wrong value as an error message shows it: a short lower-case word ({@code "login"}), a short
   * digit string ({@code "7"}), a short number, {@code true}, {@code false} or {@code null} as
   * itself; anything else by its JSON type and size. A client that put a token, key or secret in
   * the wrong field never gets it echoed, in the answer or in a log.
   */
  static String shown(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isTextual()) {
      String t = node.asText();
      return QUOTABLE.matcher(t).matches()
          ? node.toString()
          : "a string of " + t.length() + " characters";
    }
    if (node.isNumber()) {
      String n = node.toString();
      return n.length() <= 12 ? n : "a number of " + n.length() + " characters";
    }
    if (node.isArray()) {
      return "an array of " + node.size();
    }
    return node.isObject() ? "an object" : node.toString();
  }
}
