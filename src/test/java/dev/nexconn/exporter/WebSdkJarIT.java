package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.support.ExporterJarProcess;
import dev.nexconn.exporter.support.ExternalTool;
import dev.nexconn.exporter.support.NetnsHttp;
import dev.nexconn.exporter.support.PrometheusText;
import dev.nexconn.exporter.support.WebSdkDriverFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar with {@code upstream.type: web-sdk} ({@code WebSdkJarIT/config.yaml}), the real
 * vendor SDK in the driver the sidecar starts itself, all inside one network namespace where only
 * loopback exists ({@code unshare -n}, {@code lo} up), against a stub navigation server there
 * ({@code WebSdkJarIT/navi.js}). The test reaches the sidecar's HTTP port with {@code nsenter}.
 * Navigation 404 ends in {@code network_unavailable} with 30007; the engine's schedule, not the
 * SDK, times every new attempt; every attempt at a vendor host is refused and counted; a driver
 * killed with SIGKILL moves every probe it held to {@code suspend} within seconds and counts one
 * incident.
 */
class WebSdkJarIT {
  private static final String NAVI_SCRIPT =
      "ip link set lo up || exit 90\n"
          + "\"$NODE\" \"$NAVI_JS\" \"$WORK/navi.port\" \"$WORK/navi.log\" &\n"
          + "i=0; while [ ! -s \"$WORK/navi.port\" ]; do i=$((i+1));"
          + " [ $i -gt 400 ] && exit 91; sleep 0.05; done\n"
          + "export NAVI_PORT=\"$(cat \"$WORK/navi.port\")\"\n"
          + "exec \"$@\"\n";
  private static final Pattern REFUSED_HOST = Pattern.compile("event=web_sdk_refused host=(\\S+)");

  @TempDir Path work;

  @Test
  void realSdkProbesInTheJarFollowTheEngineAndSurviveAKilledDriver() throws Exception {
    Path node = WebSdkDriverFixture.install();
    Path unshare = ExternalTool.require("unshare", "util-linux");
    ExternalTool.require("nsenter", "util-linux");
    Path config = Path.of("src/test/resources/WebSdkJarIT/config.yaml").toAbsolutePath();
    Path navi = Path.of("src/test/resources/WebSdkJarIT/navi.js").toAbsolutePath();
    Map<String, String> env =
        Map.of(
            "NODE", node.toString(),
            "NAVI_JS", navi.toString(),
            "WORK", work.toString(),
            "DRIVER_DIR", WebSdkDriverFixture.DRIVER_DIR.toString());
    List<String> launcher = List.of(unshare.toString(), "-n", "sh", "-c", NAVI_SCRIPT, "sh");
    try (ExporterJarProcess jar =
        ExporterJarProcess.startWithLauncher(
            launcher, env, List.of(), "run", "--config", config.toString(), "--http-port", "0")) {
      NetnsHttp http = new NetnsHttp(jar.pid());
      assertThat(http.run("ip", "-o", "link", "show").strip().split("\n"))
          .as("the sidecar's namespace has loopback only")
          .singleElement()
          .asString()
          .contains(": lo:");

      // Navigation 404 -> DISCONNECT 30007 -> network_unavailable, the code on the API.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Map<String, JsonObject> c = connections(http, jar);
                for (String id : List.of("nav404a/a-1", "nav404b/b-1")) {
                  assertThat(c.get(id).getString("status")).isEqualTo("network_unavailable");
                  assertThat(c.get(id).getInteger("lastErrorCode")).isEqualTo(30007);
                }
                for (String id : List.of("held/held-1", "held/held-2")) {
                  assertThat(c.get(id).getString("status")).isEqualTo("connecting");
                }
              });

      // One navigation request per engine attempt, spaced by the engine's schedule 1 s, 2 s, 4 s.
      await().atMost(Duration.ofSeconds(30)).until(() -> naviTimes("nav404-a").size() >= 4);
      List<Long> times = naviTimes("nav404-a");
      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < 4; i++) {
        gaps.add(times.get(i) - times.get(i - 1));
      }
      long[] schedule = {1000, 2000, 4000};
      for (int i = 0; i < 3; i++) {
        assertThat(gaps.get(i))
            .as("gap %d of %s (the SDK must not retry by itself)", i, gaps)
            .isBetween(schedule[i] - 100, schedule[i] + 1500);
      }
      long before = reconnects(http, jar, "nav404a/a-1");
      int requests = naviTimes("nav404-a").size();
      long after = reconnects(http, jar, "nav404a/a-1");
      // A ReconnectAttempt is counted when the retry is scheduled: after n failed requests the
      // board shows n, and n + 1 once the retry is under way.
      assertThat(requests)
          .as("navigation requests against the engine's scheduled retries")
          .isBetween((int) before, (int) after + 1);
      assertThat(naviLines()).allMatch(l -> l.getString("appKey").equals("jar-it-app-key"));
      assertThat(naviLines()).allMatch(l -> l.getString("path").equals("/v2/navi.json"));

      String metrics = http.get(jar.baseUrl() + "/metrics");
      assertThat(PrometheusText.value(metrics, "nexconn_web_sdk_driver_up")).isEqualTo(1.0);
      assertThat(PrometheusText.value(metrics, "nexconn_web_sdk_refused_requests_total"))
          .isGreaterThan(0);
      assertThat(PrometheusText.value(metrics, "nexconn_web_sdk_driver_incidents_total")).isZero();
      assertThat(PrometheusText.value(metrics, "nexconn_web_sdk_driver_memory_bytes"))
          .isGreaterThan(20e6);
      assertThat(
              PrometheusText.value(
                  metrics,
                  "nexconn_connection_status_transitions_total",
                  "source",
                  "probe",
                  "to",
                  "network_unavailable"))
          .as("one transition per 404 probe: the engine retries network_unavailable in place")
          .isEqualTo(2);
      assertThat(
              PrometheusText.value(metrics, "nexconn_reconnect_attempts_total", "source", "probe"))
          .isGreaterThanOrEqualTo(6);
      Map<String, String> webSdkFamilies =
          new java.util.TreeMap<>(PrometheusText.families(metrics));
      webSdkFamilies.keySet().removeIf(n -> !n.startsWith(MetricCatalogIT.WEB_SDK_PREFIX));
      Map<String, String> catalog = new java.util.TreeMap<>(MetricCatalogIT.documented());
      catalog.keySet().removeIf(n -> !n.startsWith(MetricCatalogIT.WEB_SDK_PREFIX));
      assertThat(webSdkFamilies).as("docs/metrics.md, Web SDK driver").isEqualTo(catalog);
      List<String> refusedHosts = refusedHosts(jar.output());
      assertThat(refusedHosts).as("refused hosts, logged once each").isNotEmpty();
      assertThat(refusedHosts).allMatch(h -> !isLoopback(h), "non-loopback");

      // SIGKILL the driver: both held probes drop to suspend (32054) within seconds.
      ProcessHandle driver = driverProcess(jar);
      long killedAt = System.nanoTime();
      driver.destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                Map<String, JsonObject> c = connections(http, jar);
                for (String id : List.of("held/held-1", "held/held-2")) {
                  assertThat(c.get(id).getString("status")).isEqualTo("suspend");
                  assertThat(c.get(id).getInteger("lastErrorCode")).isEqualTo(32054);
                }
              });
      Duration shown = Duration.ofNanos(System.nanoTime() - killedAt);
      System.out.printf(
          "WebSdkJarIT: navigation gaps %s ms, refused %s, hosts %s, kill shown on both held"
              + " probes after %d ms%n",
          gaps,
          PrometheusText.value(metrics, "nexconn_web_sdk_refused_requests_total"),
          refusedHosts,
          shown.toMillis());
      String down = http.get(jar.baseUrl() + "/metrics");
      assertThat(
              PrometheusText.value(
                  down, "nexconn_web_sdk_driver_incidents_total", "reason", "exited"))
          .isEqualTo(1.0);
      assertThat(PrometheusText.value(down, "nexconn_web_sdk_driver_incidents_total"))
          .isEqualTo(1.0);
      assertThat(PrometheusText.value(down, "nexconn_web_sdk_driver_up")).isZero();
      assertThat(shown).isLessThan(Duration.ofSeconds(3));
      assertThat(jar.output()).contains("event=web_sdk_driver_down reason=exited exit_code=137");

      // Restarted after restartMin (2 s). While it was down the held probes' retries failed
      // (network_unavailable, 30002); the engine's reconnect then opens both through the new
      // driver, whose SDKs ask the navigation server again.
      long killedAtMillis = System.currentTimeMillis() - shown.toMillis();
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                String m = http.get(jar.baseUrl() + "/metrics");
                assertThat(PrometheusText.value(m, "nexconn_web_sdk_driver_up")).isEqualTo(1.0);
                assertThat(naviTimes("hang-1").stream().filter(t -> t > killedAtMillis).count())
                    .isEqualTo(2);
              });
      ProcessHandle restarted = driverProcess(jar);
      assertThat(restarted.pid()).isNotEqualTo(driver.pid());
      assertThat(connections(http, jar).values())
          .noneMatch(c -> c.getString("status").equals("connected"));

      assertThat(jar.terminate()).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> !restarted.isAlive());
    }
  }

  private static Map<String, JsonObject> connections(NetnsHttp http, ExporterJarProcess jar)
      throws Exception {
    JsonArray list =
        new JsonObject(http.get(jar.baseUrl() + "/api/v1/connections")).getJsonArray("connections");
    Map<String, JsonObject> out = new java.util.TreeMap<>();
    for (int i = 0; i < list.size(); i++) {
      out.put(list.getJsonObject(i).getString("id"), list.getJsonObject(i));
    }
    return out;
  }

  private static long reconnects(NetnsHttp http, ExporterJarProcess jar, String id)
      throws Exception {
    return connections(http, jar).get(id).getLong("reconnects");
  }

  private List<JsonObject> naviLines() throws Exception {
    Path log = work.resolve("navi.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }

  private List<Long> naviTimes(String token) throws Exception {
    return naviLines().stream()
        .filter(l -> l.getString("token").equals(token))
        .map(l -> l.getLong("t"))
        .toList();
  }

  private static List<String> refusedHosts(String output) {
    List<String> hosts = new ArrayList<>();
    Matcher m = REFUSED_HOST.matcher(output);
    while (m.find()) {
      hosts.add(m.group(1));
    }
    return hosts;
  }

  private static boolean isLoopback(String host) {
    return host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  private static ProcessHandle driverProcess(ExporterJarProcess jar) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                ProcessHandle.of(jar.pid())
                    .orElseThrow()
                    .descendants()
                    .filter(
                        p ->
                            p.info().arguments().stream()
                                .flatMap(java.util.Arrays::stream)
                                .anyMatch(a -> a.endsWith("driver.js")))
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }
}
