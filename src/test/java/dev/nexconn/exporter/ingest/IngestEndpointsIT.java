package dev.nexconn.exporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectionEvent;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.event.PresenceChanged.Presence;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.support.ManualClock;
import dev.nexconn.exporter.support.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both ingest endpoints on a real loopback server, with a manual clock; one test per path. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IngestEndpointsIT {
  static final String KEY = "test-key-0123456789abcdef";
  static final String OLD_KEY = "old-key-0123456789abcdef";
  static final String SECRET = "webhook-secret-0123456789";

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T07:00:00Z"));
  final List<ConnectionEvent> published = new CopyOnWriteArrayList<>();
  final List<Boolean> windowLockedInSink = new CopyOnWriteArrayList<>();
  BatchWindow<JsonObject> window;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  // HTTP/1.1 as the shipped reporters speak it: the JDK client's default h2c upgrade attempt races
  // the server's close after a refusal that left the body unread (see the closing note of issue
  // 16).
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  Vertx vertx;
  String base;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    window = new BatchWindow<>(Duration.ofMinutes(10), 1000, clock);
    SharedSecrets keys = SharedSecrets.parse(KEY + "\n" + OLD_KEY, "keys");
    IngestMetrics metrics = new IngestMetrics(keys::size, window::size);
    metrics.bindTo(registry);
    Router router = Router.router(vertx);
    new SdkReportHandler(
            keys,
            new RateLimiter(1, 3, clock),
            window,
            new ReportParser(10, Duration.ofDays(7), Duration.ofMinutes(5)),
            this::publish,
            metrics,
            clock,
            System::nanoTime,
            2048)
        .register(router);
    new PresenceWebhookHandler(
            SharedSecrets.parse(SECRET, "secret"),
            new RateLimiter(1000, 1000, clock),
            window,
            this::publish,
            metrics,
            clock,
            System::nanoTime,
            2048,
            10)
        .register(router);
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
  }

  /** The sink: records whether the window shared by every request is locked while it runs. */
  void publish(ConnectionEvent event) {
    windowLockedInSink.add(Thread.holdsLock(window));
    published.add(event);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> report(String body) throws Exception {
    return post(
        SdkReportHandler.PATH,
        body,
        "Authorization",
        "Bearer " + KEY,
        "Content-Type",
        "application/json");
  }

  static String batch(String id, String events) {
    return ("{'batchId':'"
            + id
            + "','app':{'platform':'android','appVersion':'5.2.1','sdkVersion':'5.10.0'},"
            + "'events':["
            + events
            + "]}")
        .replace('\'', '"');
  }

  static String status(Object status) {
    Object s = status instanceof String ? "'" + status + "'" : status;
    return "{'type':'status','at':'2026-11-28T06:59:00Z','status':" + s + "}";
  }

  double metric(String name, String... labels) {
    return PrometheusText.value(registry.scrape(), name, labels);
  }

  @Test
  void missingOrUnknownKeyIs401WithoutEchoingTheKey() throws Exception {
    String message =
        "{\"error\":\"unauthorized\",\"message\":\"missing or unknown API key: send the header"
            + " Authorization: Bearer <key> with a key from the sidecar's API keys file"
            + " (ingest.apiKeysFile)\"}";
    HttpResponse<String> none = post(SdkReportHandler.PATH, batch("b1", status(0)));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).isEqualTo(message);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"nexconn-ingest\"");
    HttpResponse<String> wrong =
        post(
            SdkReportHandler.PATH,
            batch("b1", status(0)),
            "Authorization",
            "Bearer wrong-key-0123456789abcdef");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(message).doesNotContain("wrong-key");
    assertThat(published).isEmpty();
    assertThat(
            metric(
                "nexconn_ingest_batches_total",
                "endpoint",
                "events",
                "outcome",
                "rejected",
                "reason",
                "unauthorized"))
        .isEqualTo(2);
  }

  @Test
  void theOldKeyStillWorksDuringRotation() throws Exception {
    HttpResponse<String> r =
        post(SdkReportHandler.PATH, batch("rot", status(0)), "Authorization", "Bearer " + OLD_KEY);
    assertThat(r.statusCode()).isEqualTo(202);
  }

  @Test
  void aKeyOverItsRateGets429WithRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(report(batch("r" + i, status(0))).statusCode()).isEqualTo(202);
    }
    HttpResponse<String> limited = report(batch("r3", status(0)));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("1");
    assertThat(new JsonObject(limited.body()).getString("message"))
        .isEqualTo(
            "this API key sends batches faster than its limit (ingest.rateLimit): retry after 1 s"
                + " and send fewer, larger batches");
    clock.advance(Duration.ofSeconds(1));
    assertThat(report(batch("r3", status(0))).statusCode()).isEqualTo(202);
  }

  @Test
  void aBodyThatIsNotJsonIs415Or400() throws Exception {
    HttpResponse<String> text =
        post(
            SdkReportHandler.PATH,
            "hello",
            "Authorization",
            "Bearer " + KEY,
            "Content-Type",
            "text/plain");
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(new JsonObject(text.body()).getString("message"))
        .isEqualTo("the body must be JSON: send Content-Type: application/json");
    HttpResponse<String> broken = report("{\"batchId\": ");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(broken.body()).getString("error")).isEqualTo("malformed");
    assertThat(new JsonObject(broken.body()).getString("message"))
        .startsWith("the body is not valid JSON at line 1, column 13: ");
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    HttpResponse<String> r = report("{\"pad\":\"" + "x".repeat(3000) + "\"}");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(r.body()).getString("message"))
        .isEqualTo(
            "the body is larger than 2048 bytes (ingest.maxBodyBytes): split the events into"
                + " several batches");
  }

  @Test
  void anInvalidEnvelopeIs400ListingEachBadFieldByPath() throws Exception {
    HttpResponse<String> r =
        report(
            "{\"batchId\":\"\",\"app\":{\"platform\":\"ios\"},\"events\":[{\"type\":\"status\","
                + "\"at\":1,\"status\":0}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("message"))
        .isEqualTo("the batch was rejected as a whole: fix the fields listed in errors");
    assertThat(body.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("path")))
        .containsExactly("batchId", "app.appVersion", "events[0].at");
    assertThat(published).isEmpty();
  }

  @Test
  void validEventsAreAcceptedAndBadOnesCountedAsRejected() throws Exception {
    HttpResponse<String> r = report(batch("mixed", status(3) + "," + status(99) + "," + status(0)));
    assertThat(r.statusCode()).isEqualTo(202);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getInteger("accepted")).isEqualTo(2);
    assertThat(body.getInteger("rejected")).isEqualTo(1);
    assertThat(body.getBoolean("duplicate")).isFalse();
    assertThat(body.getJsonArray("errors").getJsonObject(0).getString("path"))
        .isEqualTo("events[1].status");
    assertThat(published).hasSize(2);
    assertThat(
            metric(
                "nexconn_ingest_events_total",
                "endpoint",
                "events",
                "outcome",
                "rejected",
                "reason",
                "unknown_status"))
        .isEqualTo(1);
    assertThat(metric("nexconn_ingest_events_total", "outcome", "accepted", "endpoint", "events"))
        .isEqualTo(2);
    assertThat(metric("nexconn_ingest_batch_size_events_count", "endpoint", "events")).isEqualTo(1);
  }

  @Test
  void aRetriedBatchIsAnsweredAgainButCountedOnce() throws Exception {
    String b = batch("retry-me", status(3) + "," + status(0));
    HttpResponse<String> first = report(b);
    HttpResponse<String> second = report(b);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(new JsonObject(first.body()).getBoolean("duplicate")).isFalse();
    JsonObject again = new JsonObject(second.body());
    assertThat(again.getBoolean("duplicate")).isTrue();
    assertThat(again.getInteger("accepted")).isEqualTo(2);
    assertThat(published).hasSize(2);
    assertThat(metric("nexconn_ingest_batches_total", "endpoint", "events", "outcome", "duplicate"))
        .isEqualTo(1);
    assertThat(metric("nexconn_ingest_events_total", "endpoint", "events", "outcome", "accepted"))
        .isEqualTo(2);
    clock.advance(Duration.ofMinutes(11));
    assertThat(new JsonObject(report(b).body()).getBoolean("duplicate")).isFalse();
    assertThat(published).hasSize(4);
  }

  @Test
  void noSinkRunsWhileTheSharedWindowIsLocked() throws Exception {
    assertThat(report(batch("b-lock", status(3))).statusCode()).isEqualTo(202);
    assertThat(
            post(
                    PresenceWebhookHandler.PATH,
                    envelope("e-lock", item("0", "iOS")),
                    PresenceWebhookHandler.SECRET_HEADER,
                    SECRET)
                .statusCode())
        .isEqualTo(200);
    assertThat(windowLockedInSink).hasSize(2).containsOnly(false);
  }

  @Test
  void concurrentDeliveriesOfOneEnvelopeAreCountedOnce() throws Exception {
    String body = envelope("e-race", item("0", "iOS") + "," + item("1", "Android"));
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all =
        new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(base + PresenceWebhookHandler.PATH))
                  .timeout(Duration.ofSeconds(10))
                  .header(PresenceWebhookHandler.SECRET_HEADER, SECRET)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<JsonObject> answers = new java.util.ArrayList<>();
    for (var f : all) {
      HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      answers.add(new JsonObject(r.body()));
    }
    assertThat(answers).allMatch(a -> a.getInteger("accepted") == 2);
    assertThat(answers).filteredOn(a -> !a.getBoolean("duplicate")).hasSize(1);
    assertThat(published).hasSize(2);
    assertThat(
            metric("nexconn_ingest_batches_total", "endpoint", "webhook", "outcome", "duplicate"))
        .isEqualTo(9);
  }

  static String envelope(String id, String items) {
    return ("{'type':'user:connection_status','id':'"
            + id
            + "','time':1764313200000,'data':["
            + items
            + "]}")
        .replace('\'', '"');
  }

  static String item(String status, String os) {
    return "{'userId':'u1','status':'"
        + status
        + "','os':'"
        + os
        + "','time':1764313200000,'clientIp':'10.0.0.1','sessionId':'s1'}";
  }

  @Test
  void webhookWithoutTheSecretIs401() throws Exception {
    HttpResponse<String> r = post(PresenceWebhookHandler.PATH, envelope("e1", item("0", "iOS")));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(r.body()).getString("message"))
        .isEqualTo(
            "missing or wrong webhook secret: send it in the X-Nexconn-Webhook-Secret header or"
                + " the secret query parameter, as configured in ingest.webhook");
    assertThat(
            post(
                    PresenceWebhookHandler.PATH,
                    envelope("e1", item("0", "iOS")),
                    "X-Nexconn-Webhook-Secret",
                    "nope")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void webhookItemsBecomePresenceEventsByStatusAndOs() throws Exception {
    HttpResponse<String> r =
        post(
            PresenceWebhookHandler.PATH,
            envelope(
                "e2", item("0", "iOS") + "," + item("1", "Android") + "," + item("2", "Websocket")),
            "X-Nexconn-Webhook-Secret",
            SECRET);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getInteger("accepted")).isEqualTo(3);
    assertThat(published)
        .extracting(e -> ((PresenceChanged) e).presence(), e -> e.dimensions().os())
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(Presence.CONNECTED, "iOS"),
            org.assertj.core.api.Assertions.tuple(Presence.DISCONNECTED, "Android"),
            org.assertj.core.api.Assertions.tuple(Presence.LOGGED_OUT, "Websocket"));
    assertThat(published.get(0).toString()).doesNotContain("u1", "10.0.0.1", "s1");
  }

  @Test
  void webhookSecretInTheQueryWorksAndRedeliveryIsCountedOnce() throws Exception {
    String body = envelope("e3", item("1", "iOS") + "," + item("7", "iOS"));
    HttpResponse<String> first = post(PresenceWebhookHandler.PATH + "?secret=" + SECRET, body);
    HttpResponse<String> again = post(PresenceWebhookHandler.PATH + "?secret=" + SECRET, body);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject firstBody = new JsonObject(first.body());
    assertThat(firstBody.getInteger("accepted")).isEqualTo(1);
    assertThat(firstBody.getInteger("rejected")).isEqualTo(1);
    assertThat(firstBody.getJsonArray("errors").getJsonObject(0).getString("message"))
        .isEqualTo(
            "must be \"0\" (connected), \"1\" (disconnected) or \"2\" (logged out), got \"7\"");
    assertThat(new JsonObject(again.body()).getBoolean("duplicate")).isTrue();
    assertThat(published).hasSize(1);
  }

  @Test
  void anInvalidWebhookEnvelopeIs400ByPath() throws Exception {
    HttpResponse<String> r =
        post(PresenceWebhookHandler.PATH, "{\"data\":{}}", "X-Nexconn-Webhook-Secret", SECRET);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(
            new JsonObject(r.body())
                .getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("path")))
        .containsExactly("type", "id", "data");
  }

  @Test
  void statusEventsCarryNoUserIdentity() throws Exception {
    report(batch("anon", status("KICKED")));
    StatusChanged s = (StatusChanged) published.get(0);
    assertThat(s.userId()).isEmpty();
    assertThat(s.connectionId()).isEmpty();
  }
}
