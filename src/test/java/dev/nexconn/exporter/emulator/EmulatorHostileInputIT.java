package dev.nexconn.exporter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.support.LogCapture;
import dev.nexconn.exporter.support.RawHttp;
import dev.nexconn.exporter.token.ServerApiSignature;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Issue 16, "hostile input" for the emulator: generated, correctly signed Server API requests and
 * admin API requests with malformed, mistyped and extreme bodies each get a 4xx with the API's
 * error body (or a 2xx when valid), never a 5xx or a stack trace; and {@code /v4/*} stores no
 * multipart upload, signed or not.
 */
class EmulatorHostileInputIT {
  static final String SECRET = EmulatorOptions.randomSecret();
  static final AtomicLong NONCE = new AtomicLong();
  static Vertx vertx;
  static EmulatorVerticle emulator;
  static LogCapture logs;

  @BeforeContainer
  static void start() throws Exception {
    logs = LogCapture.start();
    vertx = Vertx.vertx();
    emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, "hostile-app", SECRET).withApiRate(0),
            Clock.systemUTC(),
            new SplittableRandom(16));
    vertx.deployVerticle(emulator).await(10, TimeUnit.SECONDS);
  }

  @AfterContainer
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    logs.close();
  }

  @Property(tries = 250, seed = "16")
  void serverApiBodiesGetACleanAnswer(
      @ForAll("serverApiPaths") String path, @ForAll("serverApiBodies") String body)
      throws Exception {
    String answer = send(emulator.port(), path, body, true);
    int status = status(answer);
    assertThat(status).as(path + " " + body).isIn(200, 400, 404, 413);
    JsonObject json = new JsonObject(bodyOf(answer));
    if (status != 200) {
      assertThat(json.getInteger("code")).as(answer).isNotZero();
      assertThat(json.getString("errorMessage")).as(answer).isNotBlank();
    }
    assertThat(logs.errorsOrStackTraces()).isEmpty();
  }

  @Property(tries = 200, seed = "1616")
  void adminBodiesGetACleanAnswer(
      @ForAll("adminPaths") String path, @ForAll("adminBodies") String body) throws Exception {
    String answer = send(emulator.adminPort(), path, body, false);
    int status = status(answer);
    assertThat(status).as(path + " " + body).isIn(200, 400, 404, 413);
    if (status == 400 || status == 413) {
      assertThat(new JsonObject(bodyOf(answer)).getString("error")).isNotBlank();
    }
    assertThat(logs.errorsOrStackTraces()).isEmpty();
  }

  @Example
  void multipartUploadsAreNeverStored() throws Exception {
    Path uploads = Path.of("file-uploads");
    long before = Files.exists(uploads) ? count(uploads) : 0;
    String multipart =
        "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "x".repeat(4096)
            + "\r\n--b--\r\n";
    for (boolean signed : new boolean[] {false, true}) {
      String answer =
          send(
              emulator.port(),
              "/v4/user/ban",
              multipart,
              signed,
              "multipart/form-data; boundary=b");
      assertThat(status(answer)).as(answer).isBetween(400, 499);
    }
    assertThat(Files.exists(uploads) ? count(uploads) : 0).isEqualTo(before);
  }

  @Provide
  Arbitrary<String> serverApiPaths() {
    return Arbitraries.of(
        "/v4/auth/access-token/issue",
        "/v4/auth/access-token/expire",
        "/v4/user/ban",
        "/v4/user/unban",
        "/v4/user/ban/list",
        "/v4/user/connection-status/get",
        "/v4/user/soft-delete",
        "/v4/user/restore",
        "/v4/nothing");
  }

  @Provide
  Arbitrary<String> serverApiBodies() {
    Arbitrary<String> fields =
        Arbitraries.of(
            "userId",
            "userIds",
            "name",
            "avatarUrl",
            "expiresAt",
            "durationMinutes",
            "page",
            "pageSize",
            "unknown");
    return Arbitraries.oneOf(
        Combinators.combine(fields, junk(), fields, junk())
            .as((f1, v1, f2, v2) -> "{\"" + f1 + "\":" + v1 + ",\"" + f2 + "\":" + v2 + "}"),
        junk(),
        Arbitraries.integers().between(1, 5000).map(d -> "[".repeat(d) + "]".repeat(d)),
        Arbitraries.integers().between(60_000, 80_000).map(n -> "\"" + "a".repeat(n) + "\""));
  }

  @Provide
  Arbitrary<String> adminPaths() {
    return Arbitraries.of(
        "/admin/v1/faults/drop",
        "/admin/v1/faults/close",
        "/admin/v1/faults/refuse",
        "/admin/v1/faults/half-open",
        "/admin/v1/faults/latency",
        "/admin/v1/faults/proxy-failure",
        "/admin/v1/users/ban",
        "/admin/v1/users/unban",
        "/admin/v1/users/kick",
        "/admin/v1/users/expire-tokens",
        "/admin/v1/users/soft-delete",
        "/admin/v1/nothing");
  }

  @Provide
  Arbitrary<String> adminBodies() {
    Arbitrary<String> fields =
        Arbitraries.of(
            "percent", "closeCode", "code", "seconds", "millis", "httpStatus", "minutes", "x");
    return Arbitraries.oneOf(
        Combinators.combine(fields, junk()).as((f, v) -> "{\"" + f + "\":" + v + "}"),
        junk(),
        Arbitraries.integers().between(17_000, 30_000).map(n -> "\"" + "a".repeat(n) + "\""));
  }

  static Arbitrary<String> junk() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "null",
            "true",
            "[]",
            "{}",
            "\"\"",
            "-0",
            "1e999",
            "-1",
            "0",
            "2147483648",
            "99999999999999999999999999",
            "1.5",
            "NaN",
            "\"\\ud800\"",
            "\"\\u0000\"",
            "[\"a\",1,null]",
            "[" + "\"u\",".repeat(30) + "\"u\"]",
            "{\"a\":}",
            "\"unterminated",
            ""),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.strings()
            .ofMaxLength(30)
            .map(s -> JsonObject.of("s", s).getValue("s"))
            .map(v -> new io.vertx.core.json.JsonArray().add(v).encode().replaceAll("^\\[|]$", "")),
        Arbitraries.strings().all().ofMaxLength(20));
  }

  static String send(int port, String path, String body, boolean signed) throws Exception {
    return send(port, path, body, signed, "application/json");
  }

  static String send(int port, String path, String body, boolean signed, String type)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: h\r\n");
    if (signed) {
      String nonce = "hostile" + NONCE.incrementAndGet();
      String ts = Long.toString(System.currentTimeMillis());
      head.append("App-Key: hostile-app\r\nNonce: ")
          .append(nonce)
          .append("\r\nTimestamp: ")
          .append(ts)
          .append("\r\nSignature: ")
          .append(ServerApiSignature.sign(SECRET, nonce, ts))
          .append("\r\n");
    }
    head.append("Content-Type: ")
        .append(type)
        .append("\r\nContent-Length: ")
        .append(bytes.length)
        .append("\r\nConnection: close\r\n\r\n");
    try (RawHttp c = RawHttp.connect(port)) {
      c.send(head.toString());
      c.send(bytes);
      String answer = c.response(Duration.ofSeconds(10));
      assertThat(answer).as("an answer to " + path).startsWith("HTTP/1.1 ");
      return answer;
    }
  }

  static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  static String bodyOf(String answer) {
    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
  }

  static long count(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      return s.count();
    }
  }
}
