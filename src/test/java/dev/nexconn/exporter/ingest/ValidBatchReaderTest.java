package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.DecodeLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link ValidBatchReader}, via {@link ReportParser#parseValid}) and the tree path
 * ({@link ReportParser#parse}) agree: on generated bodies, valid or broken in every way the tree
 * path names (wrong types, nulls, duplicate and unknown keys, values out of range or window, field
 * orders, malformed JSON), the fast path answers exactly the tree path's report when the tree path
 * finds nothing wrong, and {@code null} whenever it finds anything.
 */
class ValidBatchReaderTest {
  static final Instant NOW = Instant.parse("2026-11-28T07:00:00Z");
  static final long AT = NOW.toEpochMilli() - 1000;
  static final int MAX_EVENTS = 4;
  final ReportParser parser =
      new ReportParser(MAX_EVENTS, Duration.ofDays(7), Duration.ofMinutes(5));

  @Property(tries = 3000, seed = "15")
  void theFastPathGivesTheTreePathsReportForEveryValidBatchAndNothingElse(
      @ForAll("bodies") String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ParsedReport fast = parser.parseValid(bytes, NOW);
    ParsedReport tree;
    try {
      tree = parser.parse(JsonBodies.read(bytes), NOW);
    } catch (JsonBodies.MalformedBodyException e) {
      tree = null;
    }
    boolean valid = tree != null && tree.batchValid() && tree.eventErrors().isEmpty();
    boolean plain = !body.contains("\\") && body.chars().allMatch(c -> c < 0x80);
    Statistics.label("tree path").collect(valid ? "valid" : tree == null ? "malformed" : "invalid");
    // Both answers are common, so each side of the equivalence is exercised.
    Statistics.label("tree path")
        .coverage(
            c -> {
              c.check("valid").percentage(p -> p >= 20);
              c.check("invalid").percentage(p -> p >= 20);
              c.check("malformed").percentage(p -> p >= 1);
            });
    if (fast != null) {
      assertThat(valid).as("the tree path finds %s valid", body).isTrue();
      assertThat(fast).as("the fast path's report of %s", body).isEqualTo(tree);
    } else {
      // The fast path may leave JSON it does not read (an escape, a non-ASCII byte) to the tree
      // path, but no valid batch of plain JSON.
      assertThat(valid && plain).as("a valid plain body the fast path refused: %s", body).isFalse();
    }
  }

  @Test
  void theLoadGeneratorsAndTheReportersBodiesTakeTheFastPath() {
    ReportParser big = new ReportParser(500, Duration.ofDays(7), Duration.ofMinutes(5));
    byte[] wrk = DecodeLimit.body(100, "b-1", NOW.toEpochMilli() - 60_000);
    ParsedReport r = big.parseValid(wrk, NOW);
    assertThat(r).isNotNull();
    assertThat(r.accepted()).isEqualTo(100);
    assertThat(r.events()).hasSize(100);

    // Every event type, a time as text, and the envelope's optional fields.
    String reporter =
        ("{'batchId':'0f3c-7','app':{'platform':'web','appVersion':'1.4.0','sdkVersion':'5.38.0'},"
                + "'events':[{'type':'status','at':"
                + AT
                + ",'status':'SUSPEND','errorCode':30010},"
                + "{'type':'reconnect','at':"
                + AT
                + ",'attempt':2,'delayMs':1000},"
                + "{'type':'database_opened','at':'2026-11-28T06:59:00Z','isRecreated':true},"
                + "{'type':'token_refresh','at':"
                + AT
                + ",'outcome':'failure'}],'dropped':3}")
            .replace('\'', '"');
    ParsedReport fromReporter = big.parseValid(reporter.getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(fromReporter).isNotNull();
    assertThat(fromReporter.reporterDropped()).isEqualTo(3);
    assertThat(fromReporter.accepted()).isEqualTo(4);
  }

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.randoms().map(r -> new Gen(r, 3 * r.nextInt(3)).body());
  }

  /**
   * Writes batch bodies: every part chosen from values the tree path accepts, except that with
   * {@code breaks > 0} each part is broken now and then (one in {@code 8 * breaks}) in a way the
   * tree path names; {@code breaks == 0} writes valid batches, in any field order.
   */
  record Gen(Random r, int breaks) {
    /** Now and then a string the way JSON may also write it: with an escape, or non-ASCII. */
    String spelled(String quoted) {
      if (r.nextInt(40) != 0 || quoted.length() < 4) {
        return quoted;
      }
      return switch (r.nextInt(3)) {
        case 0 ->
            quoted.substring(0, 2)
                + "\\u00"
                + Integer.toHexString(quoted.charAt(2))
                + quoted.substring(3);
        case 1 -> quoted.substring(0, 2) + "\\/" + quoted.substring(2);
        default -> quoted.substring(0, quoted.length() - 1) + "\u00e9\"";
      };
    }

    /** Whitespace as JSON allows it between tokens. */
    String space() {
      return r.nextInt(4) > 0 ? "" : pick(" ", "\n", "\t ", "\r\n  ");
    }

    boolean broken(int odds) {
      return breaks > 0 && r.nextInt(odds * breaks) == 0;
    }

    @SafeVarargs
    final <T> T pick(T... values) {
      return values[r.nextInt(values.length)];
    }

    /** {@code name} with a good value; when broken, a bad value or nothing. */
    void field(List<String> out, String name, String good, String bad) {
      if (broken(8)) {
        if (r.nextBoolean()) {
          out.add(member(name, bad));
        }
        return;
      }
      out.add(member(name, good));
    }

    /** An optional field: absent or good, or when broken bad. */
    void optional(List<String> out, String name, String good, String bad) {
      if (broken(8)) {
        out.add(member(name, bad));
      } else if (r.nextBoolean()) {
        out.add(member(name, good));
      }
    }

    String member(String name, String value) {
      String v = value.startsWith("\"") ? spelled(value) : value;
      return space() + spelled("\"" + name + "\"") + space() + ":" + space() + v + space();
    }

    /** Now and then, when broken, one of {@code extras}: a duplicate or unknown key. */
    void extra(List<String> out, String... extras) {
      if (broken(6)) {
        out.add(pick(extras));
      }
    }

    String body() {
      List<String> top = new ArrayList<>();
      field(
          top,
          "batchId",
          pick("\"b-1\"", "\"0f3c:7.x_y\"", "\"" + "b".repeat(64) + "\""),
          pick("\"\"", "\"a b\"", "5", "null", "\"" + "b".repeat(65) + "\""));
      field(top, "app", app(), pick("null", "[]", "\"web\"", "{}"));
      List<String> events = new ArrayList<>();
      int n = broken(8) ? pick(0, MAX_EVENTS + 1) : 1 + r.nextInt(MAX_EVENTS);
      for (int i = 0; i < n; i++) {
        events.add(broken(30) ? pick("7", "null", "[]", "\"x\"") : event());
      }
      field(top, "events", "[" + String.join(",", events) + "]", pick("{}", "null", "3"));
      optional(
          top,
          "dropped",
          pick("0", "12", "null", "1000000000"),
          pick("-1", "1.5", "\"7\"", "2000000000", "1e2"));
      extra(top, "\"batchId\":\"b-2\"", "\"extra\":1", "\"app\":{}", "\"events\":[]");
      Collections.shuffle(top, r);
      String body = "{" + String.join(",", top) + "}";
      // Broken JSON, whatever the parts: most often around an otherwise valid batch.
      if (r.nextInt(12) != 0) {
        return body;
      }
      int cut = r.nextInt(body.length());
      return switch (r.nextInt(8)) {
        case 0 -> body.substring(0, cut);
        case 1 -> body + pick(" {}", "x", ",", "]");
        case 2 -> "[" + body + "]";
        case 3 -> " \n";
        case 4 ->
            body.substring(0, cut)
                + pick("x", ",", ":", "\"", "]", "}", "{", "0")
                + body.substring(cut);
        case 5 -> body.replaceFirst(",", pick(",,", " ", "x", ";"));
        case 6 -> body.replaceFirst(":", pick("::", " ", "="));
        default -> body.substring(0, cut) + body.substring(Math.min(body.length(), cut + 1));
      };
    }

    String app() {
      List<String> app = new ArrayList<>();
      field(
          app,
          "platform",
          pick("\"ios\"", "\"android\"", "\"web\"", "\"flutter\"", "\"IOS\"", "\" web \""),
          pick("\"probe\"", "\"windows\"", "7", "null"));
      field(
          app,
          "appVersion",
          pick("\"5.2.1\"", "\"1.0.0-rc.1+b7\""),
          pick("\"\"", "null", "\"a b\"", "5"));
      optional(app, "sdkVersion", pick("\"5.10.0\"", "null"), pick("\"\"", "5", "\"x y\""));
      extra(app, "\"platform\":\"ios\"", "\"os\":\"ios\"");
      Collections.shuffle(app, r);
      return "{" + String.join(",", app) + "}";
    }

    String event() {
      List<String> fields = new ArrayList<>();
      String type = pick("status", "status", "database_opened", "reconnect", "token_refresh");
      field(fields, "type", "\"" + type + "\"", pick("\"bogus\"", "7", "null", "\"STATUS\""));
      field(
          fields,
          "at",
          pick(Long.toString(AT), Long.toString(AT - 3_600_000), "\"2026-11-28T06:59:00Z\""),
          pick(
              "0",
              "-5",
              "1.5",
              "null",
              "\"yesterday\"",
              Long.toString(NOW.toEpochMilli() - Duration.ofDays(8).toMillis()),
              Long.toString(NOW.toEpochMilli() + 600_000),
              "99999999999999999999",
              "\"2026-11-28T23:59:00+08:00\""));
      switch (type) {
        case "status" -> {
          // Names every platform knows; numbers only some do: a web batch with one is invalid.
          optional(
              fields,
              "status",
              pick(
                  "\"CONNECTED\"",
                  "\"connecting\"",
                  "\"SUSPEND\"",
                  "\"KICKED\"",
                  "\"token_incorrect\"",
                  "\"NCConnectionStatusConnected\"",
                  "\"unconnected\"",
                  "null",
                  "1",
                  "0",
                  "3",
                  "12"),
              pick("99", "\"bogus\"", "true", "5000000000", "\"" + "x".repeat(70) + "\""));
          optional(
              fields,
              "errorCode",
              pick("0", "31010", "31004", "30010", "99999", "null"),
              pick("100000", "-1", "\"7\"", "1.0"));
        }
        case "database_opened" -> {
          field(fields, "isRecreated", pick("true", "false"), pick("\"true\"", "null", "1"));
          optional(fields, "errorCode", pick("0", "33001"), pick("-1", "\"0\""));
        }
        case "reconnect" -> {
          field(fields, "attempt", pick("1", "5"), pick("0", "null", "1.5", "\"2\""));
          optional(fields, "delayMs", pick("0", "1000", "null"), pick("-1", "86400001"));
        }
        default ->
            field(
                fields, "outcome", pick("\"success\"", "\"failure\""), pick("\"ok\"", "null", "1"));
      }
      extra(
          fields,
          "\"userId\":\"u-1\"",
          "\"extra\":{}",
          "\"at\":" + AT,
          "\"type\":\"status\"",
          "\"outcome\":\"success\"",
          "\"isRecreated\":true");
      Collections.shuffle(fields, r);
      return "{" + String.join(",", fields) + "}";
    }
  }
}
