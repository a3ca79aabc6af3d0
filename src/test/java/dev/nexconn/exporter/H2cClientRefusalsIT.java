package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16: a default JDK {@link HttpClient} (HTTP/2 preferred, so every plain-http request offers
 * {@code Upgrade: h2c}) against the sidecar's listener, with refusals that leave the body unread
 * (401, 413, 429: answer, FIN, close a second later) mixed with accepted batches, eight requests in
 * flight. Every request must get its own status: no {@code IOException} such as "Idle connection
 * closed by HTTP/2 peer", which is what an h2c-upgrading listener gave when it closed after a
 * refusal. The listener speaks HTTP/1.1 only ({@code docs/ingest.md}, "HTTP versions"), so the
 * upgrade offer is ignored and the answer comes over HTTP/1.1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class H2cClientRefusalsIT {
  static final int PER_KIND = 30;
  static final String SECRET = "h2c-webhook-secret-0123456789";
  static final String LIMITED_KEY = "h2c-limited-key-0123456789";

  /** One kind of request and the only status it may get. */
  enum Kind {
    EVENTS_ACCEPTED("/api/v1/events", 202),
    EVENTS_WRONG_KEY("/api/v1/events", 401),
    EVENTS_TOO_LARGE("/api/v1/events", 413),
    EVENTS_RATE_LIMITED("/api/v1/events", 429),
    WEBHOOK_ACCEPTED("/api/v1/webhooks/nexconn", 200),
    WEBHOOK_WRONG_SECRET("/api/v1/webhooks/nexconn", 401),
    WEBHOOK_TOO_LARGE("/api/v1/webhooks/nexconn", 413);

    final String path;
    final int status;

    Kind(String path, int status) {
      this.path = path;
      this.status = status;
    }
  }

  Vertx vertx;
  ExporterApp app;
  String base;
  // One fresh key per accepted or too-large batch (the rate check comes before the size check and
  // takes a token), so that only LIMITED_KEY ever meets its bucket's end.
  final List<String> acceptKeys = keys("accept");
  final List<String> largeKeys = keys("large");

  @BeforeEach
  void start() throws Exception {
    List<String> keys = new ArrayList<>(acceptKeys);
    keys.addAll(largeKeys);
    keys.add(LIMITED_KEY);
    Map<String, String> env = Map.of("K", String.join(",", keys), "S", SECRET);
    ExporterConfig config =
        ConfigLoader.parse(
            """
            http: {host: 127.0.0.1, port: 0}
            ingest:
              apiKeysEnv: K
              maxBodyBytes: 4096
              rateLimit: {batchesPerSecond: 0.01, burst: 1}
              webhook: {secretEnv: S}
            """,
            env::get);
    vertx = Vertx.vertx();
    app = ExporterApp.start(vertx, config, env::get).await(30, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + app.httpPort();
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.stop().await(15, TimeUnit.SECONDS);
    }
    vertx.close().await(15, TimeUnit.SECONDS);
  }

  @RepeatedTest(5)
  void everyRequestOfAnUpgradingClientGetsItsStatus() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_2);
    // The limited key's only token goes first, so each of its requests in the mix is a 429.
    assertThat(send(client, request(Kind.EVENTS_ACCEPTED, LIMITED_KEY, "warm-up")).join())
        .isEqualTo("202 HTTP_1_1");

    List<HttpRequest> requests = new ArrayList<>();
    List<Kind> kinds = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < PER_KIND; i++) {
        kinds.add(kind);
      }
    }
    Collections.shuffle(kinds, new Random(16));
    int[] next = new int[Kind.values().length];
    for (Kind k : kinds) {
      int i = next[k.ordinal()]++;
      String key =
          switch (k) {
            case EVENTS_ACCEPTED -> acceptKeys.get(i);
            case EVENTS_TOO_LARGE -> largeKeys.get(i);
            default -> LIMITED_KEY;
          };
      requests.add(request(k, key, k.name() + "-" + i));
    }

    Semaphore inFlight = new Semaphore(8);
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (HttpRequest r : requests) {
      inFlight.acquire();
      answers.add(send(client, r).whenComplete((s, e) -> inFlight.release()));
    }
    Map<String, Integer> got = new TreeMap<>();
    Map<String, Integer> wanted = new TreeMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    for (int i = 0; i < answers.size(); i++) {
      Kind k = kinds.get(i);
      String answer;
      try {
        answer = answers.get(i).get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        answer = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        failures.put(k + " #" + i, answer);
      }
      got.merge(k + " " + answer, 1, Integer::sum);
      wanted.merge(k + " " + k.status + " HTTP_1_1", 1, Integer::sum);
    }
    assertThat(failures).as("requests that got no status").isEmpty();
    assertThat(got).isEqualTo(wanted);

    // The sidecar counted exactly what it answered.
    String metrics = scrape(client);
    assertThat(batches(metrics, "events", "accepted", "none")).isEqualTo(PER_KIND + 1);
    assertThat(batches(metrics, "events", "rejected", "unauthorized")).isEqualTo(PER_KIND);
    assertThat(batches(metrics, "events", "rejected", "too_large")).isEqualTo(PER_KIND);
    assertThat(batches(metrics, "events", "rejected", "rate_limited")).isEqualTo(PER_KIND);
    assertThat(batches(metrics, "webhook", "accepted", "none")).isEqualTo(PER_KIND);
    assertThat(batches(metrics, "webhook", "rejected", "unauthorized")).isEqualTo(PER_KIND);
    assertThat(batches(metrics, "webhook", "rejected", "too_large")).isEqualTo(PER_KIND);
  }

  private HttpRequest request(Kind kind, String key, String id) {
    boolean webhook = kind.path.contains("webhooks");
    String body = webhook ? envelope(id) : batch(id);
    if (kind == Kind.EVENTS_TOO_LARGE || kind == Kind.WEBHOOK_TOO_LARGE) {
      body = pad(body, 64 * 1024);
    } else if (kind != Kind.EVENTS_ACCEPTED && kind != Kind.WEBHOOK_ACCEPTED) {
      body = pad(body, 3500); // under the limit, large enough to be in flight at the refusal
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + kind.path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return switch (kind) {
      case EVENTS_WRONG_KEY -> b.header("Authorization", "Bearer wrong-key-0123456789abc").build();
      case WEBHOOK_WRONG_SECRET ->
          b.header("X-Nexconn-Webhook-Secret", "wrong-secret-01234").build();
      case WEBHOOK_ACCEPTED, WEBHOOK_TOO_LARGE ->
          b.header("X-Nexconn-Webhook-Secret", SECRET).build();
      default -> b.header("Authorization", "Bearer " + key).build();
    };
  }

  private static CompletableFuture<String> send(HttpClient client, HttpRequest r) {
    return client
        .sendAsync(r, HttpResponse.BodyHandlers.ofString())
        .thenApply(resp -> resp.statusCode() + " " + resp.version());
  }

  private String scrape(HttpClient client) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static double batches(String text, String endpoint, String outcome, String reason) {
    return PrometheusText.value(
        text,
        "nexconn_ingest_batches_total",
        "endpoint",
        endpoint,
        "outcome",
        outcome,
        "reason",
        reason);
  }

  /** A JSON body padded with a field the parsers ignore, to about {@code size} bytes. */
  private static String pad(String json, int size) {
    String filler = "x".repeat(Math.max(0, size - json.length() - 16));
    return json.substring(0, json.length() - 1) + ",\"pad\":\"" + filler + "\"}";
  }

  private static String batch(String id) {
    return ("{'batchId':'"
            + id
            + "','app':{'platform':'android','appVersion':'5.2.1','sdkVersion':'5.10.0'},"
            + "'events':[{'type':'reconnect','at':"
            + System.currentTimeMillis()
            + ",'attempt':1,'delayMs':50}]}")
        .replace('\'', '"');
  }

  private static String envelope(String id) {
    return ("{'type':'user:connection_status','id':'"
            + id
            + "','time':"
            + System.currentTimeMillis()
            + ",'data':[{'userId':'u1','status':'0','os':'iOS','time':"
            + System.currentTimeMillis()
            + "}]}")
        .replace('\'', '"');
  }

  private static List<String> keys(String kind) {
    return IntStream.range(0, PER_KIND)
        .mapToObj(i -> "h2c-" + kind + "-key-" + i + "-0123456789")
        .toList();
  }
}
