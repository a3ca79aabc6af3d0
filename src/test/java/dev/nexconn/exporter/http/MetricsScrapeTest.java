package dev.nexconn.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /metrics} under load: shared renders, freshness, the TTL, gzip, several instances. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsScrapeTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void scrapesArrivingDuringARenderShareTheNextOneAndNoneGetsAnOlderRender(Vertx vertx)
      throws Exception {
    AtomicInteger renders = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong clock = new AtomicLong(1_000);
    MetricsExposition exposition =
        new MetricsExposition(
            (type, out) -> {
              int n = renders.incrementAndGet();
              if (n == 1) {
                await(release);
              }
              out.write(("render " + n).getBytes(StandardCharsets.UTF_8));
            },
            Duration.ZERO,
            clock::get);
    Future<MetricsExposition.Rendered> first = exposition.render(vertx, "text/plain");
    while (renders.get() == 0) {
      Thread.sleep(5);
    }
    clock.set(2_000);
    List<Future<MetricsExposition.Rendered>> later = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      later.add(exposition.render(vertx, "text/plain"));
    }
    release.countDown();
    assertThat(text(first.await(10, TimeUnit.SECONDS).body())).isEqualTo("render 1");
    for (Future<MetricsExposition.Rendered> f : later) {
      assertThat(text(f.await(10, TimeUnit.SECONDS).body()))
          .as("a scrape that arrived during render 1 gets a render that started after it")
          .isEqualTo("render 2");
    }
    assertThat(renders.get()).as("21 scrapes, 2 renders").isEqualTo(2);
  }

  @Test
  void withATtlARenderIsServedAgainUntilItIsTooOld(Vertx vertx) throws Exception {
    AtomicInteger renders = new AtomicInteger();
    AtomicLong clock = new AtomicLong(0);
    MetricsExposition exposition =
        new MetricsExposition(
            (type, out) -> out.write(("r" + renders.incrementAndGet()).getBytes()),
            Duration.ofSeconds(1),
            clock::get);
    assertThat(text(exposition.render(vertx, "t").await(5, TimeUnit.SECONDS).body()))
        .isEqualTo("r1");
    clock.set(999_000_000L);
    assertThat(text(exposition.render(vertx, "t").await(5, TimeUnit.SECONDS).body()))
        .isEqualTo("r1");
    clock.set(1_000_000_001L);
    assertThat(text(exposition.render(vertx, "t").await(5, TimeUnit.SECONDS).body()))
        .isEqualTo("r2");
  }

  @Test
  void gzipIsSentOnlyWhenAskedForAndHoldsTheSameExposition(Vertx vertx) throws Exception {
    Counter.builder("scrape.test").register(registry).increment(7);
    HttpServerVerticle http = server();
    http.deploy(vertx, 1).await(10, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    HttpResponse<Buffer> plain = get(client, http.actualPort(), null);
    HttpResponse<Buffer> gzip = get(client, http.actualPort(), "br;q=1.0, gzip;q=0.8");
    HttpResponse<Buffer> refused = get(client, http.actualPort(), "gzip;q=0, identity");
    assertThat(plain.getHeader("Content-Encoding")).isNull();
    assertThat(refused.getHeader("Content-Encoding")).isNull();
    assertThat(gzip.getHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(gzip.getHeader("Vary")).isEqualTo("Accept-Encoding");
    assertThat(gzip.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
    String unzipped = gunzip(gzip.body());
    assertThat(unzipped).contains("scrape_test_total 7.0");
    assertThat(plain.bodyAsString()).contains("scrape_test_total 7.0");
    assertThat(HttpServerVerticle.acceptsGzip("*")).isTrue();
    assertThat(HttpServerVerticle.acceptsGzip("identity")).isFalse();
    assertThat(HttpServerVerticle.acceptsGzip("GZIP; q=0.000")).isFalse();
  }

  @Test
  void aCountedEventIsInTheNextScrapeEvenWhileOthersScrape(Vertx vertx) throws Exception {
    Counter counter = Counter.builder("fresh.events").register(registry);
    HttpServerVerticle http = server();
    http.deploy(vertx, 2).await(10, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    for (int i = 1; i <= 30; i++) {
      List<Future<HttpResponse<Buffer>>> background = new ArrayList<>();
      for (int j = 0; j < 5; j++) {
        background.add(client.get(http.actualPort(), "127.0.0.1", "/metrics").send());
      }
      counter.increment();
      assertThat(get(client, http.actualPort(), null).bodyAsString())
          .contains("fresh_events_total " + i + ".0");
      Future.all(background).await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void severalInstancesShareOnePortAndServeOnSeveralEventLoops(Vertx vertx) throws Exception {
    Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    HttpServerVerticle http =
        new HttpServerVerticle(
            "127.0.0.1",
            0,
            registry,
            new ConnectionBoard(),
            List.of(),
            r ->
                r.get("/api/v1/thread")
                    .handler(
                        ctx -> {
                          threads.add(Thread.currentThread().getName());
                          ctx.end("ok");
                        }));
    http.deploy(vertx, 2).await(10, TimeUnit.SECONDS);
    assertThat(http.actualPort()).isPositive();
    // A fresh connection per request: Vert.x hands each new connection to the next instance.
    WebClient client =
        WebClient.create(vertx, new WebClientOptions(new HttpClientOptions().setKeepAlive(false)));
    for (int i = 0; i < 8; i++) {
      HttpResponse<Buffer> r =
          client
              .get(http.actualPort(), "127.0.0.1", "/api/v1/thread")
              .send()
              .await(5, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(new HashSet<>(threads)).hasSize(2).allMatch(t -> t.contains("eventloop"));
  }

  @Test
  void oneRenderServedToManyScrapesOnEveryInstanceIsWholeEachTime(Vertx vertx) throws Exception {
    for (int i = 0; i < 300; i++) {
      Counter.builder("shared.render").tag("n", Integer.toString(i)).register(registry);
    }
    HttpServerVerticle http =
        new HttpServerVerticle(
            "127.0.0.1",
            0,
            registry,
            new ConnectionBoard(),
            List.of(),
            r -> {},
            Duration.ofSeconds(60),
            null);
    http.deploy(vertx, 2).await(10, TimeUnit.SECONDS);
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions().setKeepAlive(true),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(20));
    String first = get(client, http.actualPort(), null).bodyAsString();
    assertThat(first).contains("shared_render_total{n=\"299\"} 0.0");
    for (int round = 0; round < 3; round++) {
      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        var req = client.get(http.actualPort(), "127.0.0.1", "/metrics");
        if (i % 2 == 1) {
          req.putHeader("Accept-Encoding", "gzip");
        }
        all.add(req.send());
      }
      for (int i = 0; i < all.size(); i++) {
        HttpResponse<Buffer> r = all.get(i).await(10, TimeUnit.SECONDS);
        String body = i % 2 == 1 ? gunzip(r.body()) : r.bodyAsString();
        assertThat(body).as("scrape %d of round %d", i, round).isEqualTo(first);
      }
    }
  }

  private HttpServerVerticle server() {
    return new HttpServerVerticle(
        "127.0.0.1", 0, registry, new ConnectionBoard(), List.of(), r -> {});
  }

  private static HttpResponse<Buffer> get(WebClient client, int port, String acceptEncoding)
      throws Exception {
    var req = client.get(port, "127.0.0.1", "/metrics");
    if (acceptEncoding != null) {
      req.putHeader("Accept-Encoding", acceptEncoding);
    }
    return req.send().await(10, TimeUnit.SECONDS);
  }

  private static String gunzip(Buffer body) throws java.io.IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
