package dev.nexconn.exporter.ingest;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.TokenRefresh;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fast path of SDK report batches: reads the body once from its bytes ({@link PlainJson}),
 * without building a tree, and maps the batch to events when every part of it is valid. For
 * anything else (malformed JSON, a duplicate or unknown key, a value of another type, an invalid
 * value) it answers {@code null} and the caller takes the tree path ({@link ReportParser#parse}),
 * which names every bad field. Errors therefore have one author, and the two paths agree on every
 * body this one accepts ({@code ValidBatchReaderTest} compares them on generated bodies).
 *
 * <p>Why: building the tree was 43% of the ingest CPU at batch 100, and looking fields up in it
 * another eighth; Jackson's streaming parser, without the tree, still a third ({@code
 * docs/benchmarks.md}, issue 15).
 */
final class ValidBatchReader {
  // Event fields, as bits of a mask: which were seen (a second sight is a duplicate key).
  private static final int TYPE = 1;
  private static final int AT = 2;
  private static final int STATUS = 4;
  private static final int ERROR_CODE = 8;
  private static final int IS_RECREATED = 16;
  private static final int ATTEMPT = 32;
  private static final int DELAY_MS = 64;
  private static final int OUTCOME = 128;

  // Event types, by their index in EventParser.TYPES.
  private static final int T_STATUS = 0;
  private static final int T_DATABASE = 1;
  private static final int T_RECONNECT = 2;
  private static final int T_TOKEN = 3;

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

    /** A status name: {@code body[nameStart, nameStart + nameLength)}, or nameLength -1. */
    int nameStart;

    int nameLength = -1;
    int statusNumber;
    int errorCode;
    boolean recreated;
    int attempt;
    int delayMs;
    TokenRefresh.Outcome outcome;
  }

  private static final byte[] BATCH_ID = ascii("batchId");
  private static final byte[] APP = ascii("app");
  private static final byte[] EVENTS = ascii("events");
  private static final byte[] DROPPED = ascii("dropped");
  private static final byte[] PLATFORM = ascii("platform");
  private static final byte[] APP_VERSION = ascii("appVersion");
  private static final byte[] SDK_VERSION = ascii("sdkVersion");

  /** The event field names, by bit index (TYPE is bit 0). */
  private static final List<String> FIELD_NAMES =
      List.of("type", "at", "status", "errorCode", "isRecreated", "attempt", "delayMs", "outcome");

  private static final byte[][] FIELD_BYTES =
      FIELD_NAMES.stream().map(ValidBatchReader::ascii).toArray(byte[][]::new);

  private static final byte[][] TYPES =
      EventParser.TYPES.stream().map(ValidBatchReader::ascii).toArray(byte[][]::new);

  /** The fields each type may carry: EventParser's lists, as masks, in its type order. */
  private static final int[] ALLOWED =
      EventParser.TYPES.stream().mapToInt(t -> mask(EventParser.FIELDS.get(t))).toArray();

  private static int mask(List<String> fields) {
    int mask = 0;
    for (String f : fields) {
      int bit = FIELD_NAMES.indexOf(f);
      if (bit < 0) {
        throw new IllegalStateException("ValidBatchReader does not read the event field " + f);
      }
      mask |= 1 << bit;
    }
    return mask;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The batch, when every part of {@code body} is valid as of {@code now}; otherwise null. */
  ParsedReport read(byte[] body, Instant now) {
    try {
      return batch(body, new PlainJson(body), now);
    } catch (RuntimeException e) {
      // Not plain JSON (PlainJson.NOT_PLAIN), or anything unforeseen: the tree path decides.
      return null;
    }
  }

  private ParsedReport batch(byte[] body, PlainJson p, Instant now) {
    if (p.value() != PlainJson.OBJECT) {
      return null;
    }
    String batchId = null;
    int dropped = -1;
    Platform platform = null;
    String appVersion = null;
    List<Raw> events = null;
    for (boolean first = true; p.member(first); first = false) {
      if (p.is(BATCH_ID)) {
        if (batchId != null || p.value() != PlainJson.STRING) {
          return null;
        }
        batchId = p.text();
        if (!ReportParser.validBatchId(batchId)) {
          return null;
        }
      } else if (p.is(APP)) {
        if (platform != null || p.value() != PlainJson.OBJECT) {
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
      } else if (p.is(EVENTS)) {
        if (events != null || p.value() != PlainJson.ARRAY) {
          return null;
        }
        events = events(p, now);
        if (events == null) {
          return null;
        }
      } else if (p.is(DROPPED)) {
        if (dropped >= 0) {
          return null;
        }
        int t = p.value();
        if (t == PlainJson.NULL) {
          dropped = 0;
        } else if (t == PlainJson.NUMBER
            && p.number() >= 0
            && p.number() <= ReportParser.MAX_DROPPED) {
          dropped = (int) p.number();
        } else {
          return null;
        }
      } else {
        return null;
      }
    }
    p.endOfInput();
    if (batchId == null || platform == null || events == null) {
      return null;
    }
    List<ConnectionEvent> out =
        map(body, events, platform, new Dimensions(platform, appVersion, ""));
    if (out == null) {
      return null;
    }
    return new ParsedReport(
        batchId, List.of(), List.of(), out, events.size(), Map.of(), Math.max(dropped, 0));
  }

  /** {platform, appVersion} of a valid {@code app} object, or null. */
  private static String[] app(PlainJson p) {
    String platform = null;
    String appVersion = null;
    boolean sdkVersion = false;
    for (boolean first = true; p.member(first); first = false) {
      if (p.is(PLATFORM)) {
        if (platform != null || p.value() != PlainJson.STRING) {
          return null;
        }
        platform = p.text();
      } else if (p.is(APP_VERSION)) {
        if (appVersion != null || p.value() != PlainJson.STRING) {
          return null;
        }
        appVersion = p.text();
        if (!ReportParser.validVersion(appVersion)) {
          return null;
        }
      } else if (p.is(SDK_VERSION)) {
        if (sdkVersion) {
          return null;
        }
        sdkVersion = true;
        int t = p.value();
        if (t != PlainJson.NULL
            && (t != PlainJson.STRING || !ReportParser.validVersion(p.text()))) {
          return null;
        }
      } else {
        return null;
      }
    }
    return platform == null || appVersion == null ? null : new String[] {platform, appVersion};
  }

  private List<Raw> events(PlainJson p, Instant now) {
    Instant oldest = now.minus(maxAge);
    Instant newest = now.plus(maxSkew);
    List<Raw> events = new ArrayList<>();
    for (boolean first = true; p.element(first); first = false) {
      if (events.size() == maxEvents || p.value() != PlainJson.OBJECT) {
        return null;
      }
      Raw e = event(p, oldest, newest);
      if (e == null) {
        return null;
      }
      events.add(e);
    }
    return events.isEmpty() ? null : events;
  }

  /** One event's values, or null when any of them is not valid. */
  private static Raw event(PlainJson p, Instant oldest, Instant newest) {
    Raw e = new Raw();
    for (boolean first = true; p.member(first); first = false) {
      int bit = bit(p);
      if (bit == 0 || (e.fields & bit) != 0) {
        return null;
      }
      e.fields |= bit;
      if (!value(p, p.value(), bit, e)) {
        return null;
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

  /** The bit of the member name just read, or 0 for a name no event has. */
  private static int bit(PlainJson p) {
    for (int i = 0; i < FIELD_BYTES.length; i++) {
      if (p.is(FIELD_BYTES[i])) {
        return 1 << i;
      }
    }
    return 0;
  }

  /** Reads the value ({@code t}) of field {@code bit} into {@code e}; false when not valid. */
  private static boolean value(PlainJson p, int t, int bit, Raw e) {
    switch (bit) {
      case TYPE -> {
        if (t != PlainJson.STRING) {
          return false;
        }
        e.type = type(p);
        return e.type >= 0;
      }
      case AT -> {
        if (t == PlainJson.NUMBER) {
          e.atMillis = p.number();
          return e.atMillis > 0;
        }
        if (t == PlainJson.STRING) {
          e.atTime = EventParser.rfc3339(p.text());
          return e.atTime != null;
        }
        return false;
      }
      case STATUS -> {
        if (t == PlainJson.NULL) {
          e.statusNull = true;
          return true;
        }
        if (t == PlainJson.STRING) {
          if (p.textLength() > EventParser.MAX_NAME_LENGTH) {
            return false;
          }
          e.nameStart = p.textStart();
          e.nameLength = p.textLength();
          return true;
        }
        if (t == PlainJson.NUMBER && p.numberIsInt()) {
          e.statusNumber = (int) p.number();
          return true;
        }
        return false;
      }
      case ERROR_CODE -> {
        return t == PlainJson.NULL || (e.errorCode = whole(p, t, 0, 99_999)) >= 0;
      }
      case DELAY_MS -> {
        return t == PlainJson.NULL || (e.delayMs = whole(p, t, 0, 86_400_000)) >= 0;
      }
      case ATTEMPT -> {
        return (e.attempt = whole(p, t, 1, 1_000_000)) >= 1;
      }
      case IS_RECREATED -> {
        if (t != PlainJson.TRUE && t != PlainJson.FALSE) {
          return false;
        }
        e.recreated = t == PlainJson.TRUE;
        return true;
      }
      default -> {
        if (t != PlainJson.STRING) {
          return false;
        }
        e.outcome = TokenRefresh.Outcome.fromLabel(p.text()).orElse(null);
        return e.outcome != null;
      }
    }
  }

  /** A whole number from {@code min} to {@code max}, or -1. */
  private static int whole(PlainJson p, int t, int min, int max) {
    if (t != PlainJson.NUMBER || p.number() < min || p.number() > max) {
      return -1;
    }
    return (int) p.number();
  }

  /** The type named by the string just read, or -1. */
  private static int type(PlainJson p) {
    for (int t = 0; t < TYPES.length; t++) {
      if (p.is(TYPES[t])) {
        return t;
      }
    }
    return -1;
  }

  /** The events of a batch whose every report is valid on {@code platform}; otherwise null. */
  private List<ConnectionEvent> map(
      byte[] body, List<Raw> raws, Platform platform, Dimensions dims) {
    List<ConnectionEvent> out = new ArrayList<>(raws.size() + 4);
    ConnectionStatus previous = null;
    for (Raw e : raws) {
      Instant when = e.atTime;
      switch (e.type) {
        case T_STATUS -> {
          ConnectionStatus status = status(body, e, platform);
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
  private ConnectionStatus status(byte[] body, Raw e, Platform platform) {
    ConnectionStatus fromCode = EventParser.statusOfCode(e.errorCode, platform);
    ConnectionStatus reported;
    if ((e.fields & STATUS) == 0 || e.statusNull) {
      return fromCode;
    } else if (e.nameLength >= 0) {
      reported = statusNamed(body, e.nameStart, e.nameLength, platform);
    } else if (platform.acceptsNumericStatus()) {
      reported = platform.statusForCode(e.statusNumber).orElse(null);
    } else {
      return null;
    }
    return reported == null ? null : EventParser.refine(reported, fromCode);
  }

  /** A status name as reported, with what it means on one platform. */
  private record Known(byte[] name, ConnectionStatus status) {}

  private static final int MAX_KNOWN = 32;

  /**
   * The status names seen per platform (by ordinal), compared as bytes: apps send the same few
   * spellings over and over, and this way no string is made for them. An immutable array per
   * platform, replaced whole; a lost update only costs a later {@link Platform#statusForName}.
   */
  private final AtomicReferenceArray<Known[]> known =
      new AtomicReferenceArray<>(Platform.values().length);

  /** What the name in {@code body[start, start + length)} means on {@code platform}, or null. */
  private ConnectionStatus statusNamed(byte[] body, int start, int length, Platform platform) {
    Known[] seen = known.get(platform.ordinal());
    if (seen != null) {
      for (Known k : seen) {
        if (k.name.length == length
            && Arrays.equals(body, start, start + length, k.name, 0, length)) {
          return k.status;
        }
      }
    }
    String name = new String(body, start, length, StandardCharsets.ISO_8859_1);
    ConnectionStatus status = platform.statusForName(name).orElse(null);
    int size = seen == null ? 0 : seen.length;
    if (status != null && size < MAX_KNOWN) {
      Known[] next = seen == null ? new Known[1] : Arrays.copyOf(seen, size + 1);
      next[size] = new Known(Arrays.copyOfRange(body, start, start + length), status);
      known.compareAndSet(platform.ordinal(), seen, next);
    }
    return status;
  }
}
