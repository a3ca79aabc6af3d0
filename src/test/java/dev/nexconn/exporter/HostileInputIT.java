package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.HttpConfig;
import dev.nexconn.exporter.support.GuardedSidecar;
import dev.nexconn.exporter.support.LogCapture;
import dev.nexconn.exporter.support.RawHttp;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 16, "hostile input": generated requests against the real sidecar (both ingest endpoints,
 * the JSON API, {@code /metrics}, the status page). Each try must get a clean answer: 2xx for what
 * is valid, a 4xx with the one error body ({@code error}, {@code message}) for a client's mistake,
 * never a 5xx; the log has no ERROR and no stack trace; and after every try the accepted-events
 * counter equals the sum of what the 2xx answers acknowledged (nothing accepted is lost or counted
 * twice). Seeded and bounded: a few hundred tries per property.
 */
class HostileInputIT {
  static GuardedSidecar sidecar;
  static LogCapture logs;
  static final AtomicLong acknowledgedEvents = new AtomicLong();
  static final AtomicLong acknowledgedItems = new AtomicLong();

  @BeforeContainer
  static void start() throws Exception {
    logs = LogCapture.start();
    sidecar =
        GuardedSidecar.start(
            HttpConfig.Limits.DEFAULT, GuardedSidecar.ingestWithRate(100_000, 100_000));
  }

  @AfterContainer
  static void stop() throws Exception {
    sidecar.close();
    logs.close();
  }

  // --- the found items of the issue, one example each ---

  @Example
  void badPercentEncodingInTheWebhookQueryIs400NotA500() throws Exception {
    Answer a =
        raw(
            "POST /api/v1/webhooks/nexconn?x=% HTTP/1.1\r\nHost: h\r\n"
                + "Content-Length: 0\r\n\r\n");
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json().getString("error")).isEqualTo("bad_request");
    assertThat(a.json().getString("message")).contains("percent-encoding");
    clean();
  }

  @Example
  void badPercentEncodingInTheAlertsQueryIs400WithoutAStackTrace() throws Exception {
    Answer a = raw("GET /api/v1/alerts?x=% HTTP/1.1\r\nHost: h\r\n\r\n");
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json().getString("message")).contains("percent-encoding");
    clean();
  }

  @Example
  void aRequestWithoutHostIs400AndLogsNoError() throws Exception {
    Answer a = raw("GET /api/v1/summary HTTP/1.1\r\n\r\n");
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json().getString("message")).contains("Host");
    clean();
  }

  @Example
  void aBadChunkSizeIs400AndNotAnIngestFailureWithStatus200() throws Exception {
    Answer a =
        raw(
            "POST /api/v1/events HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer "
                + GuardedSidecar.KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n");
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json().getString("message")).contains("chunk");
    assertThat(logs.lines()).noneMatch(l -> l.contains("ingest_failure"));
    clean();
  }

  @Example
  void aContentTypeThatMerelyContainsJsonIs415() throws Exception {
    for (String type : List.of("text/json-ish", "application/jsonp", "application/x-json")) {
      Answer a = post("/api/v1/events", type, validBatch("ct-" + type.length(), 1));
      assertThat(a.status).as(type).isEqualTo(415);
    }
    Answer ok = post("/api/v1/events", "Application/JSON; charset=utf-8", validBatch("ct-ok", 1));
    assertThat(ok.status).isEqualTo(202);
    acknowledge(ok, true);
    clean();
  }

  // --- properties ---

  @Property(tries = 250, seed = "16")
  void reportBodiesGetACleanAnswer(@ForAll("reportBodies") String body) throws Exception {
    Answer a = post("/api/v1/events", "application/json", body);
    assertThat(a.status).as(body).isIn(202, 400, 413);
    acknowledge(a, true);
    clean();
  }

  @Property(tries = 250, seed = "1616")
  void webhookBodiesGetACleanAnswer(@ForAll("webhookBodies") String body) throws Exception {
    Answer a = post("/api/v1/webhooks/nexconn", "application/json", body);
    assertThat(a.status).as(body).isIn(200, 400, 413);
    acknowledge(a, false);
    clean();
  }

  @Property(tries = 200, seed = "161616")
  void hostilePathsAndQueriesGetA4xxOr200(
      @ForAll("targets") String target, @ForAll("uriJunk") String junk) throws Exception {
    String method = target.startsWith("/api/v1/webhooks") ? "POST" : "GET";
    Answer a =
        raw(method + " " + target + junk + " HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    assertThat(a.status).as(method + " " + target + junk).isBetween(200, 499);
    if (a.status >= 400 && (target + junk).startsWith("/api/")) {
      assertThat(a.json().getString("message")).isNotBlank();
    }
    clean();
  }

  @Provide
  Arbitrary<String> targets() {
    return Arbitraries.of(
        "/api/v1/events",
        "/api/v1/webhooks/nexconn",
        "/api/v1/alerts",
        "/api/v1/summary",
        "/api/v1/connections",
        "/metrics",
        "/livez",
        "/readyz",
        "/");
  }

  @Provide
  Arbitrary<String> uriJunk() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "%",
            "%2",
            "%zz",
            "%%",
            "%00",
            "%ff",
            "%C0%AF",
            "%E2%80%AE",
            "?",
            "&",
            "=",
            "..",
            "/",
            ";",
            "+",
            "#",
            "x",
            "secret=",
            "state=",
            "limit=",
            "-1",
            "99999999999999999999");
    return pieces.list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> reportBodies() {
    return Arbitraries.oneOf(
        ids().map(id -> validBatch(id, 1 + Math.floorMod(id.hashCode(), 5))),
        Combinators.combine(ids(), Arbitraries.integers().between(0, 400))
            .as((id, cut) -> truncate(validBatch(id, 3), cut)),
        Combinators.combine(ids(), fieldPaths(), jsonJunk())
            .as((id, field, junk) -> replaceValue(validBatch(id, 2), field, junk)),
        ids().map(id -> validBatch(id, 1).replaceFirst("\\{", "{\"extra\":1,")),
        ids().map(id -> validBatch(id, 1).replaceFirst("\\{", "{\"batchId\":\"dup\",")),
        Arbitraries.integers().between(1, 20_000).map(HostileInputIT::deep),
        Arbitraries.integers().between(200_000, 400_000).map(n -> "\"" + "a".repeat(n) + "\""),
        jsonJunk());
  }

  @Provide
  Arbitrary<String> webhookBodies() {
    return Arbitraries.oneOf(
        ids().map(HostileInputIT::validEnvelope),
        Combinators.combine(ids(), Arbitraries.integers().between(0, 200))
            .as((id, cut) -> truncate(validEnvelope(id), cut)),
        Combinators.combine(
                ids(), Arbitraries.of("type", "id", "time", "data", "status", "os"), jsonJunk())
            .as((id, field, junk) -> replaceValue(validEnvelope(id), field, junk)),
        Arbitraries.integers().between(1, 20_000).map(HostileInputIT::deep),
        jsonJunk());
  }

  Arbitrary<String> ids() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(4).ofMaxLength(20);
  }

  Arbitrary<String> fieldPaths() {
    return Arbitraries.of(
        "batchId",
        "app",
        "platform",
        "appVersion",
        "sdkVersion",
        "events",
        "type",
        "at",
        "status",
        "errorCode");
  }

  /** Values of every JSON type and several non-JSON texts, odd Unicode and extreme numbers. */
  static Arbitrary<String> jsonJunk() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "null",
            "true",
            "[]",
            "{}",
            "\"\"",
            "-0",
            "1e999",
            "-1e999",
            "1.7976931348623157E309",
            "99999999999999999999999999999",
            "-9223372036854775809",
            "0.0000000000000000001",
            "NaN",
            "Infinity",
            "\"\\ud800\"",
            "\"\\u0000\"",
            "\"\\uffff\"",
            "\"\u202e\"",
            "\"\uD83D\uDE00\"",
            "\"\\x41\"",
            "'single'",
            "{\"a\":}",
            "[1,]",
            "\"unterminated",
            "{\"a\":1}{\"b\":2}",
            "\uFEFF{}",
            ""),
        Arbitraries.strings().ofMaxLength(30).map(s -> JsonObject.of("s", s).encode()),
        Arbitraries.strings().all().ofMaxLength(40));
  }

  static String deep(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static String truncate(String s, int cut) {
    return s.substring(0, Math.min(s.length(), cut));
  }

  static String replaceValue(String json, String field, String junk) {
    return json.replaceFirst(
        "\"" + field + "\":(\"[^\"]*\"|[-0-9]+|true|false)",
        "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(junk));
  }

  static String validBatch(String id, int events) {
    long now = System.currentTimeMillis();
    StringBuilder e = new StringBuilder();
    for (int i = 0; i < events; i++) {
      e.append(i == 0 ? "" : ",")
          .append("{\"type\":\"status\",\"at\":")
          .append(now - 1000 + i)
          .append(",\"status\":")
          .append(i % 2 == 0 ? 1 : 3)
          .append(",\"errorCode\":31010}");
    }
    return "{\"batchId\":\""
        + id
        + "\",\"app\":{\"platform\":\"android\",\"appVersion\":\"5.2.1\","
        + "\"sdkVersion\":\"5.10.0\"},\"events\":["
        + e
        + "]}";
  }

  static String validEnvelope(String id) {
    long now = System.currentTimeMillis();
    return "{\"type\":\"user:connection_status\",\"id\":\""
        + id
        + "\",\"time\":"
        + now
        + ",\"data\":[{\"userId\":\"u1\",\"status\":\"0\",\"os\":\"iOS\",\"time\":"
        + now
        + "}]}";
  }

  // --- plumbing ---

  record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  static Answer post(String path, String contentType, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer "
            + GuardedSidecar.KEY
            + "\r\nX-Nexconn-Webhook-Secret: "
            + GuardedSidecar.SECRET
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + bytes.length
            + "\r\nConnection: close\r\n\r\n";
    try (RawHttp c = RawHttp.connect(sidecar.port())) {
      c.send(head);
      c.send(bytes);
      return parse(c.response(Duration.ofSeconds(10)));
    }
  }

  static Answer raw(String request) throws Exception {
    try (RawHttp c = RawHttp.connect(sidecar.port())) {
      c.send(request);
      return parse(c.response(Duration.ofSeconds(10)));
    }
  }

  static Answer parse(String response) {
    assertThat(response).as("an HTTP answer").startsWith("HTTP/1.1 ");
    int status = Integer.parseInt(response.substring(9, 12));
    int head = response.indexOf("\r\n\r\n");
    String body = head < 0 ? "" : response.substring(head + 4);
    if (status >= 400 && status < 500 && !body.isEmpty() && body.startsWith("{")) {
      JsonObject json = new JsonObject(body);
      assertThat(json.getString("error")).as(body).isNotBlank();
      assertThat(json.getString("message")).as(body).isNotBlank();
    }
    return new Answer(status, body);
  }

  /** Adds what a 2xx acknowledged (not a duplicate) to the running sums. */
  static void acknowledge(Answer a, boolean events) {
    if (a.status / 100 == 2) {
      JsonObject j = a.json();
      if (!j.getBoolean("duplicate", false)) {
        (events ? acknowledgedEvents : acknowledgedItems).addAndGet(j.getInteger("accepted"));
      }
    }
  }

  /** No ERROR and no stack trace so far, and every acknowledged event is counted. */
  static void clean() {
    assertThat(logs.errorsOrStackTraces()).isEmpty();
    assertThat(
            sidecar.metric(
                "nexconn_ingest_events_total", "endpoint", "events", "outcome", "accepted"))
        .isEqualTo(acknowledgedEvents.get());
    assertThat(
            sidecar.metric(
                "nexconn_ingest_events_total", "endpoint", "webhook", "outcome", "accepted"))
        .isEqualTo(acknowledgedItems.get());
  }
}
