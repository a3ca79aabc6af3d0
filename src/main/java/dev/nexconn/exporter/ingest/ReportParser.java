package dev.nexconn.exporter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.StatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates an SDK report batch ({@code docs/ingest.md}) and maps it to connection events.
 *
 * <p>Batch semantics: an invalid envelope ({@code batchId}, {@code app}, the {@code events} list or
 * its size) rejects the whole batch; otherwise each event stands alone: valid events are accepted
 * and invalid ones rejected, each bad field listed by path. A retry cannot fix a malformed event,
 * so one unknown status must not cost the app its other 499 reports.
 *
 * <pre>{@code
 * ParsedReport report = new ReportParser(500, Duration.ofDays(7), Duration.ofMinutes(5))
 *     .parse(json, clock.instant());
 * }</pre>
 */
public final class ReportParser {
  static final int MAX_ID_LENGTH = 64;
  static final int MAX_VERSION_LENGTH = 32;
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z._+-]{1,32}");
  private static final Set<String> TOP = Set.of("batchId", "app", "events", "dropped");
  private static final Set<String> APP = Set.of("platform", "appVersion", "sdkVersion");

  /** The largest reporter drop count accepted in {@code dropped}. */
  static final int MAX_DROPPED = 1_000_000_000;

  private final int maxEvents;
  private final Duration maxAge;
  private final Duration maxSkew;
  private final ValidBatchReader valid;

  /**
   * @param maxEvents most events per batch
   * @param maxAge oldest accepted event
   * @param maxSkew furthest accepted event in the future
   */
  public ReportParser(int maxEvents, Duration maxAge, Duration maxSkew) {
    this.maxEvents = maxEvents;
    this.maxAge = maxAge;
    this.maxSkew = maxSkew;
    this.valid = new ValidBatchReader(maxEvents, maxAge, maxSkew);
  }

  /**
   * The batch in {@code body} (its bytes as they arrived), read without building a tree, when every
   * part of it is valid as of {@code now}; otherwise {@code null}, and {@link #parse} of the body's
   * tree says what is wrong. Both give the same report for a valid batch.
   */
  public ParsedReport parseValid(byte[] body, Instant now) {
    return valid.read(body, now);
  }

  /** Validates {@code root} (the parsed body) as of {@code now}. */
  public ParsedReport parse(JsonNode root, Instant now) {
    List<FieldError> batchErrors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      batchErrors.add(
          new FieldError("", "the body must be a JSON object with batchId, app, events"));
      return new ParsedReport(null, batchErrors, List.of(), List.of(), 0, Map.of());
    }
    unknownFields(root, "", TOP, batchErrors);
    String batchId = batchId(root.get("batchId"), batchErrors);
    int dropped = dropped(root.get("dropped"), batchErrors);
    Platform platform = null;
    String appVersion = "";
    JsonNode app = root.get("app");
    if (app == null || !app.isObject()) {
      batchErrors.add(
          new FieldError("app", "is required: an object with platform, appVersion, sdkVersion"));
    } else {
      unknownFields(app, "app", APP, batchErrors);
      platform = platform(app.get("platform"), batchErrors);
      appVersion = version(app.get("appVersion"), "app.appVersion", true, batchErrors);
      version(app.get("sdkVersion"), "app.sdkVersion", false, batchErrors);
    }
    JsonNode events = root.get("events");
    if (events == null || !events.isArray() || events.isEmpty()) {
      batchErrors.add(new FieldError("events", "is required: a list of 1 to " + maxEvents));
    } else if (events.size() > maxEvents) {
      batchErrors.add(
          new FieldError(
              "events",
              "has "
                  + events.size()
                  + " events, at most "
                  + maxEvents
                  + " are allowed per batch: split it into several batches"));
    }
    List<FieldError> eventErrors = new ArrayList<>();
    List<ConnectionEvent> out = new ArrayList<>();
    Map<EventRejectReason, Integer> rejected = new EnumMap<>(EventRejectReason.class);
    int accepted = 0;
    if (events != null && events.isArray() && events.size() <= maxEvents) {
      // Events are still checked when the platform is unknown, with iOS codes, so that a client
      // sees every bad field in one response.
      Platform parsing = platform == null ? Platform.IOS : platform;
      Dimensions dims = new Dimensions(parsing, appVersion, "");
      EventParser parser = new EventParser(now, maxAge, maxSkew);
      ConnectionStatus previous = null;
      for (int i = 0; i < events.size(); i++) {
        EventParser.Result r = parser.parse(events.get(i), i, parsing, dims, previous);
        if (r.errors().isEmpty()) {
          accepted++;
          out.addAll(r.events());
          for (ConnectionEvent e : r.events()) {
            if (e instanceof StatusChanged s) {
              previous = s.to();
            }
          }
        } else {
          eventErrors.addAll(r.errors());
          rejected.merge(r.reason(), 1, Integer::sum);
        }
      }
    }
    if (!batchErrors.isEmpty()) {
      int total = events != null && events.isArray() ? events.size() : 0;
      return new ParsedReport(
          batchId,
          batchErrors,
          eventErrors,
          List.of(),
          0,
          total == 0 ? Map.of() : Map.of(EventRejectReason.BATCH_REJECTED, total));
    }
    return new ParsedReport(batchId, batchErrors, eventErrors, out, accepted, rejected, dropped);
  }

  /** The reporter's own drop count: absent, or a whole number from 0 to 1e9. */
  private static int dropped(JsonNode node, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.canConvertToInt()
        || !node.isIntegralNumber()
        || node.asLong() < 0
        || node.asLong() > MAX_DROPPED) {
      errors.add(
          new FieldError(
              "dropped",
              "must be a whole number from 0 to 1000000000: the events your reporter's queue"
                  + " dropped since its last accepted batch"));
      return 0;
    }
    return node.intValue();
  }

  private static String batchId(JsonNode node, List<FieldError> errors) {
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      errors.add(
          new FieldError(
              "batchId",
              "is required: a unique id per batch (1-64 of A-Z a-z 0-9 . _ : -), reused on retry"));
      return null;
    }
    if (!validBatchId(node.asText())) {
      errors.add(
          new FieldError(
              "batchId",
              "must be 1-" + MAX_ID_LENGTH + " characters of A-Z a-z 0-9 . _ : - (a UUID fits)"));
      return null;
    }
    return node.asText();
  }

  private static Platform platform(JsonNode node, List<FieldError> errors) {
    Platform p =
        node != null && node.isTextual() ? Platform.fromLabel(node.asText()).orElse(null) : null;
    if (p == null) {
      errors.add(
          new FieldError(
              "app.platform",
              "must be one of ios, android, web, flutter, got " + EventParser.shown(node)));
    }
    return p;
  }

  private static String version(
      JsonNode node, String path, boolean required, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(new FieldError(path, "is required, e.g. \"5.2.1\""));
      }
      return "";
    }
    if (!node.isTextual() || !validVersion(node.asText())) {
      errors.add(
          new FieldError(
              path,
              "must be 1-"
                  + MAX_VERSION_LENGTH
                  + " characters of letters, digits, '.', '_', '+' or '-', got "
                  + EventParser.shown(node)));
      return "";
    }
    return node.asText();
  }

  /** A batch id of 1-64 of A-Z a-z 0-9 . _ : - (a UUID fits). */
  static boolean validBatchId(String raw) {
    return BATCH_ID.matcher(raw).matches();
  }

  /** An app or SDK version of 1-32 letters, digits, '.', '_', '+' or '-'. */
  static boolean validVersion(String raw) {
    return VERSION.matcher(raw).matches();
  }

  private static void unknownFields(
      JsonNode node, String path, Set<String> known, List<FieldError> errors) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String p = path.isEmpty() ? name : path + "." + name;
      if (!known.contains(name)) {
        errors.add(
            new FieldError(p, "unknown field; known fields here are " + new TreeSet<>(known)));
      }
    }
  }
}
