package dev.nexconn.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.StatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpServerVerticleTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConnectionBoard board = new ConnectionBoard();
  private final AtomicBoolean engineUp = new AtomicBoolean(true);
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Counter.builder("demo.events").register(registry).increment(3);
    HttpServerVerticle http =
        new HttpServerVerticle(
            "127.0.0.1",
            0,
            registry,
            board,
            List.of(
                new ReadinessCheck("http", () -> true),
                new ReadinessCheck("engine", engineUp::get)),
            r -> {});
    vertx.deployVerticle(http).await(10, TimeUnit.SECONDS);
    port = http.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void metricsAreServedInPrometheusTextFormatByDefault() throws Exception {
    HttpResponse<Buffer> r = get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(r.bodyAsString()).contains("demo_events_total 3.0").doesNotContain("# EOF");
  }

  @Test
  void metricsAreOpenMetricsWhenTheScraperAsksForIt() throws Exception {
    HttpResponse<Buffer> r =
        get("/metrics", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertThat(r.getHeader("Content-Type")).startsWith("application/openmetrics-text");
    assertThat(r.bodyAsString()).contains("demo_events_total 3.0").endsWith("# EOF\n");
  }

  @Test
  void anUnknownApiRouteGetsTheOneErrorBody() throws Exception {
    HttpResponse<Buffer> r = get("/api/v1/nothing-here", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("error", "message");
    assertThat(body.getString("error")).isEqualTo("not_found");
    assertThat(body.getString("message")).contains("/api/v1/summary");
  }

  @Test
  void livenessIsAlwaysUp() throws Exception {
    HttpResponse<Buffer> r = get("/livez", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessNamesEachCheckAndFailsWith503() throws Exception {
    HttpResponse<Buffer> up = get("/readyz", null);
    assertThat(up.statusCode()).isEqualTo(200);
    engineUp.set(false);
    HttpResponse<Buffer> down = get("/readyz", null);
    assertThat(down.statusCode()).isEqualTo(503);
    JsonObject body = down.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("DOWN");
    assertThat(body.getJsonArray("checks").encode())
        .contains("{\"id\":\"http\",\"status\":\"UP\"}")
        .contains("{\"id\":\"engine\",\"status\":\"DOWN\"}");
  }

  @Test
  void connectionsListStatusCodeSinceAndReconnectsButNoToken() throws Exception {
    board.onEvent(
        new StatusChanged(
            EventSource.PROBE,
            Instant.parse("2026-01-01T00:00:00Z"),
            Dimensions.PROBE,
            "g/u1",
            "u1",
            ConnectionStatus.CONNECTING,
            ConnectionStatus.TOKEN_INCORRECT,
            31004));
    HttpResponse<Buffer> r = get("/api/v1/connections", null);
    JsonObject c = r.bodyAsJsonObject().getJsonArray("connections").getJsonObject(0);
    assertThat(c.getString("id")).isEqualTo("g/u1");
    assertThat(c.getString("userId")).isEqualTo("u1");
    assertThat(c.getString("status")).isEqualTo("token_incorrect");
    assertThat(c.getInteger("code")).isEqualTo(15);
    assertThat(c.getString("since")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(c.getInteger("reconnects")).isZero();
    assertThat(c.getInteger("lastErrorCode")).isEqualTo(31004);
    assertThat(c.fieldNames()).doesNotContain("token");
  }

  private HttpResponse<Buffer> get(String path, String accept) throws Exception {
    var req = client.get(port, "127.0.0.1", path);
    if (accept != null) {
      req.putHeader("Accept", accept);
    }
    return req.send().await(10, TimeUnit.SECONDS);
  }
}
