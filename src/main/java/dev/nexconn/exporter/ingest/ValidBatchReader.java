package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.TokenRefresh;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fast path of SDK report batches: reads the body's tokens once, without building a tree, and
 * maps the batch to events when every part of it is valid. For anything else (malformed JSON, a
 * duplicate or unknown key, a value of another type, an invalid value) it answers {@code null} and
 * the caller takes the tree path ({@link ReportParser#parse}), which names every bad field. Errors
 * therefore have one author, and the two paths agree on every body this one accepts ({@code
 * ValidBatchReaderTest} compares them on generated bodies).
 *
 * <p>Why: building the tree was 43% of the ingest CPU at batch 100, and looking fields up in it
 * another eighth ({@code docs/benchmarks.md}, issue 15).
 */
final class ValidBatchReader {
  private static final JsonFactory FACTORY = new JsonFactory();

  // Event fields, as bits of a mask: which were seen (a second sight is a duplicate key).
  private static final int TYPE = 1;
  private static final int AT = 2;
  private static final int STATUS = 4;
  private static final int ERROR_CODE = 8;
  private static final int IS_RECREATED = 16;
  private static final int ATTEMPT = 32;
  private static final int DELAY_MS = 64;
  private static final int OUTCOME = 128;

  // Event types, by their index in ALLOWED.
  private static final int T_STATUS = 0;
  private static final int T_DATABASE = 1;
  private static final int T_RECONNECT = 2;
  private static final int T_TOKEN = 3;

  /** The fields each type may carry (EventParser's FIELDS, as masks). */
  private static final int[] ALLOWED = {
    TYPE | AT | STATUS | ERROR_CODE,
    TYPE | AT | IS_RECREATED | ERROR_CODE,
    TYPE | AT | ATTEMPT | DELAY_MS,
    TYPE | AT | OUTCOME
  };

  /** Each type's fields in the order reporters write them. */
  private static final SerializableString[][] ORDER = {
    names("type", "at", "status", "errorCode"),
    names("type", "at", "isRecreated", "errorCode"),
    names("type", "at", "attempt", "delayMs"),
    names("type", "at", "outcome")
  };

  private static SerializableString[] names(String... names) {
    SerializableString[] out = new SerializableString[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = new SerializedString(names[i]);
    }
    return out;
  }

  private final int maxEvents;
  private final Duration maxAge;
  private final Duration maxSkew;

  ValidBatchReader(int maxEvents, Duration maxAge, Duration maxSkew) {
    this.maxEvents = maxEvents;
    this.maxAge = maxAge;
    this.maxSkew = maxSkew;
  }

  /** One reported event's values as read; mapped once the batch's platform is known. */
  private static final class Raw {
    int fields;
    int type = -1;
    long atMillis;
    Instant atTime;

    /** {@code "status": null}, the same as no status. */
    boolean statusNull;

    String statusName;
    int statusNumber;
    int errorCode;
    boolean recreated;
    int attempt;
    int delayMs;
    TokenRefresh.Outcome outcome;
  }

  /** The batch, when every part of {@code body} is valid as of {@code now}; otherwise null. */
  ParsedReport read(byte[] body, Instant now) {
    try (JsonParser p = FACTORY.createParser(body)) {
      return batch(p, now);
    } catch (IOException | RuntimeException e) {
      // Malformed or over Jackson's limits: the tree path says what and where.
      return null;
    }
  }

  private ParsedReport batch(JsonParser p, Instant now) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String batchId = null;
    int dropped = -1;
    Platform platform = null;
    String appVersion = null;
    List<Raw> events = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "batchId" -> {
          if (batchId != null || t != JsonToken.VALUE_STRING) {
            return null;
          }
          batchId = p.getText();
          if (!ReportParser.validBatchId(batchId)) {
            return null;
          }
        }
        case "dropped" -> {
          if (dropped >= 0) {
            return null;
          }
          if (t == JsonToken.VALUE_NULL) {
            dropped = 0;
          } else if (t == JsonToken.VALUE_NUMBER_INT
              && p.getNumberType() == JsonParser.NumberType.INT
              && p.getIntValue() >= 0
              && p.getIntValue() <= ReportParser.MAX_DROPPED) {
            dropped = p.getIntValue();
          } else {
            return null;
          }
        }
        case "app" -> {
          if (platform != null || t != JsonToken.START_OBJECT) {
            return null;
          }
          String[] app = app(p);
          if (app == null) {
            return null;
          }
          platform = Platform.fromLabel(app[0]).orElse(null);
          appVersion = app[1];
          if (platform == null) {
            return null;
          }
        }
        case "events" -> {
          if (events != null || t != JsonToken.START_ARRAY) {
            return null;
          }
          events = events(p, now);
          if (events == null) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT
        || p.nextToken() != null
        || batchId == null
        || platform == null
        || events == null) {
      return null;
    }
    List<ConnectionEvent> out = map(events, platform, new Dimensions(platform, appVersion, ""));
    if (out == null) {
      return null;
    }
    return new ParsedReport(
        batchId, List.of(), List.of(), out, events.size(), Map.of(), Math.max(dropped, 0));
  }

  /** {platform, appVersion} of a valid {@code app} object, or null. */
  private static String[] app(JsonParser p) throws IOException {
    String platform = null;
    String appVersion = null;
    boolean sdkVersion = false;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "platform" -> {
          if (platform != null || t != JsonToken.VALUE_STRING) {
            return null;
          }
          platform = p.getText();
        }
        case "appVersion" -> {
          if (appVersion != null || t != JsonToken.VALUE_STRING) {
            return null;
          }
          appVersion = p.getText();
          if (!ReportParser.validVersion(appVersion)) {
            return null;
          }
        }
        case "sdkVersion" -> {
          if (sdkVersion) {
            return null;
          }
          sdkVersion = true;
          if (t != JsonToken.VALUE_NULL
              && (t != JsonToken.VALUE_STRING || !ReportParser.validVersion(p.getText()))) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    return platform == null || appVersion == null ? null : new String[] {platform, appVersion};
  }

  private List<Raw> events(JsonParser p, Instant now) throws IOException {
    Instant oldest = now.minus(maxAge);
    Instant newest = now.plus(maxSkew);
    List<Raw> events = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      if (events.size() == maxEvents) {
        return null;
      }
      Raw e = event(p, oldest, newest);
      if (e == null) {
        return null;
      }
      events.add(e);
    }
    return t == JsonToken.END_ARRAY && !events.isEmpty() ? events : null;
  }

  /** One event's values, or null when any of them is not valid. */
  private static Raw event(JsonParser p, Instant oldest, Instant newest) throws IOException {
    Raw e = new Raw();
    // Reporters write an event's fields in one order: guess the next name, so that Jackson
    // compares bytes instead of hashing the name (a wrong guess costs the ordinary lookup).
    SerializableString[] order = ORDER[T_STATUS];
    for (int k = 0; ; k++) {
      SerializableString expected = k < order.length ? order[k] : null;
      String name;
      if (expected != null && p.nextFieldName(expected)) {
        name = expected.getValue();
      } else if (expected == null) {
        name = p.nextFieldName();
      } else {
        name = p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
      }
      if (name == null) {
        break;
      }
      JsonToken t = p.nextToken();
      int bit = bit(name);
      if (bit == 0 || (e.fields & bit) != 0) {
        return null;
      }
      e.fields |= bit;
      if (!value(p, t, bit, e)) {
        return null;
      }
      if (bit == TYPE) {
        order = ORDER[e.type];
      }
    }
    if (e.type < 0 || (e.fields & ~ALLOWED[e.type]) != 0 || (e.fields & AT) == 0) {
      return null;
    }
    Instant at = e.atTime != null ? e.atTime : Instant.ofEpochMilli(e.atMillis);
    if (at.isBefore(oldest) || at.isAfter(newest)) {
      return null;
    }
    e.atTime = at;
    return switch (e.type) {
      case T_DATABASE -> (e.fields & IS_RECREATED) != 0 ? e : null;
      case T_RECONNECT -> (e.fields & ATTEMPT) != 0 ? e : null;
      case T_TOKEN -> e.outcome != null ? e : null;
      default -> e;
    };
  }

  private static int bit(String name) {
    return switch (name) {
      case "type" -> TYPE;
      case "at" -> AT;
      case "status" -> STATUS;
      case "errorCode" -> ERROR_CODE;
      case "isRecreated" -> IS_RECREATED;
      case "attempt" -> ATTEMPT;
      case "delayMs" -> DELAY_MS;
      case "outcome" -> OUTCOME;
      default -> 0;
    };
  }

  /** Reads the value of field {@code bit} into {@code e}; false when it is not valid. */
  private static boolean value(JsonParser p, JsonToken t, int bit, Raw e) throws IOException {
    switch (bit) {
      case TYPE -> {
        if (t != JsonToken.VALUE_STRING) {
          return false;
        }
        e.type = type(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        return e.type >= 0;
      }
      case AT -> {
        if (t == JsonToken.VALUE_NUMBER_INT
            && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          e.atMillis = p.getLongValue();
          return e.atMillis > 0;
        }
        if (t == JsonToken.VALUE_STRING) {
          e.atTime = EventParser.rfc3339(p.getText());
          return e.atTime != null;
        }
        return false;
      }
      case STATUS -> {
        if (t == JsonToken.VALUE_NULL) {
          e.statusNull = true;
          return true;
        }
        if (t == JsonToken.VALUE_STRING) {
          e.statusName = p.getText();
          return e.statusName.length() <= EventParser.MAX_NAME_LENGTH;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
          e.statusNumber = p.getIntValue();
          return true;
        }
        return false;
      }
      case ERROR_CODE -> {
        return t == JsonToken.VALUE_NULL || (e.errorCode = whole(p, t, 0, 99_999)) >= 0;
      }
      case DELAY_MS -> {
        return t == JsonToken.VALUE_NULL || (e.delayMs = whole(p, t, 0, 86_400_000)) >= 0;
      }
      case ATTEMPT -> {
        return (e.attempt = whole(p, t, 1, 1_000_000)) >= 1;
      }
      case IS_RECREATED -> {
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
          return false;
        }
        e.recreated = t == JsonToken.VALUE_TRUE;
        return true;
      }
      default -> {
        if (t != JsonToken.VALUE_STRING) {
          return false;
        }
        e.outcome = TokenRefresh.Outcome.fromLabel(p.getText()).orElse(null);
        return e.outcome != null;
      }
    }
  }

  /** A whole number from {@code min} to {@code max}, or -1. */
  private static int whole(JsonParser p, JsonToken t, int min, int max) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      return -1;
    }
    int v = p.getIntValue();
    return v >= min && v <= max ? v : -1;
  }

  private static final char[][] TYPES = {
    "status".toCharArray(),
    "database_opened".toCharArray(),
    "reconnect".toCharArray(),
    "token_refresh".toCharArray()
  };

  /** The type whose name is {@code chars[offset..offset+length)}, or -1; no string is made. */
  private static int type(char[] chars, int offset, int length) {
    for (int t = 0; t < TYPES.length; t++) {
      if (Arrays.equals(TYPES[t], 0, TYPES[t].length, chars, offset, offset + length)) {
        return t;
      }
    }
    return -1;
  }

  /** The events of a batch whose every report is valid on {@code platform}; otherwise null. */
  private static List<ConnectionEvent> map(List<Raw> raws, Platform platform, Dimensions dims) {
    List<ConnectionEvent> out = new ArrayList<>(raws.size() + 4);
    ConnectionStatus previous = null;
    for (Raw e : raws) {
      Instant when = e.atTime;
      switch (e.type) {
        case T_STATUS -> {
          ConnectionStatus status = status(e, platform);
          if (status == null) {
            return null;
          }
          EventParser.statusEvents(out, when, dims, previous, status, e.errorCode);
          previous = status;
        }
        case T_DATABASE -> {
          if (platform == Platform.FLUTTER) {
            return null;
          }
          out.add(new DatabaseOpened(EventSource.SDK, when, dims, e.recreated, e.errorCode));
        }
        case T_RECONNECT ->
            out.add(
                new ReconnectAttempt(
                    EventSource.SDK, when, dims, "", e.attempt, Duration.ofMillis(e.delayMs)));
        default -> out.add(new TokenRefresh(EventSource.SDK, when, dims, e.outcome));
      }
    }
    return out;
  }

  /** The status {@code e} reports on {@code platform} (as EventParser resolves it), or null. */
  private static ConnectionStatus status(Raw e, Platform platform) {
    ConnectionStatus fromCode = EventParser.statusOfCode(e.errorCode, platform);
    ConnectionStatus reported;
    if ((e.fields & STATUS) == 0 || e.statusNull) {
      return fromCode;
    } else if (e.statusName != null) {
      reported = platform.statusForName(e.statusName).orElse(null);
    } else if (platform.acceptsNumericStatus()) {
      reported = platform.statusForCode(e.statusNumber).orElse(null);
    } else {
      return null;
    }
    return reported == null ? null : EventParser.refine(reported, fromCode);
  }
}
