package dev.nexconn.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.event.ConnectAttemptTraced;
import dev.nexconn.exporter.event.ConnectCompleted;
import dev.nexconn.exporter.event.ConnectFailureReason;
import dev.nexconn.exporter.event.ConnectPhase;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.DatabaseOpened;
import dev.nexconn.exporter.event.Dimensions;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.EventSource;
import dev.nexconn.exporter.event.FrameRejectReason;
import dev.nexconn.exporter.event.HeartbeatMeasured;
import dev.nexconn.exporter.event.MessageProbed;
import dev.nexconn.exporter.event.Platform;
import dev.nexconn.exporter.event.PresenceChanged;
import dev.nexconn.exporter.event.ReconnectAttempt;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.event.TlsCertificateSeen;
import dev.nexconn.exporter.event.TokenFailure;
import dev.nexconn.exporter.event.TokenRefresh;
import dev.nexconn.exporter.event.UpstreamFrameRejected;
import dev.nexconn.exporter.support.PrometheusText;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The catalog in {@code docs/metrics.md} and the families the running sidecar registers are the
 * same set with the same types. Every event type is published once so that lazily created series
 * exist.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricCatalogIT {
  /** Contract names whose meters live in the alerting component (reconciled at merge). */
  /**
   * Standard JVM families that exist only after something happens (the first garbage collection) or
   * only on some JVMs; documented, but not required on every scrape.
   */
  static final Set<String> REGISTERED_CONDITIONALLY =
      Set.of("jvm_gc_pause_seconds", "jvm_gc_pause_seconds_max", "jvm_gc_overhead");

  /**
   * Families registered only with {@code upstream.type: web-sdk} (their own catalog section);
   * {@code WebSdkJarIT} checks them against the jar that runs the driver.
   */
  static final String WEB_SDK_PREFIX = "nexconn_web_sdk_";

  static final Pattern ROW =
      Pattern.compile("^\\| `([a-z0-9_]+)` \\| (counter|gauge|histogram|summary)\\b");

  static Map<String, String> documented() throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("docs/metrics.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        assertThat(out.put(m.group(1), m.group(2))).as("%s listed twice", m.group(1)).isNull();
      }
    }
    return out;
  }

  static void publishOneOfEach(EventBus bus) {
    Instant at = Instant.now();
    Dimensions sdk = new Dimensions(Platform.IOS, "5.2.1", "");
    bus.publish(
        new StatusChanged(
            EventSource.PROBE,
            at,
            Dimensions.PROBE,
            "c",
            "u",
            null,
            ConnectionStatus.CONNECTED,
            0));
    bus.publish(
        new StatusChanged(EventSource.SDK, at, sdk, "", "", null, ConnectionStatus.CONNECTED, 0));
    bus.publish(new ReconnectAttempt(EventSource.SDK, at, sdk, "", 1, Duration.ZERO));
    bus.publish(new TokenFailure(EventSource.SDK, at, sdk, TokenFailure.Reason.EXPIRED));
    bus.publish(
        new TokenRefresh(EventSource.PROBE, at, Dimensions.PROBE, TokenRefresh.Outcome.SUCCESS));
    bus.publish(new DatabaseOpened(EventSource.SDK, at, sdk, true, 0));
    bus.publish(
        new PresenceChanged(
            EventSource.WEBHOOK,
            at,
            new Dimensions(null, "", "iOS"),
            PresenceChanged.Presence.CONNECTED));
    bus.publish(
        new ConnectCompleted(
            EventSource.PROBE, at, Dimensions.PROBE, "c", Duration.ofMillis(80), null));
    bus.publish(
        new HeartbeatMeasured(EventSource.PROBE, at, Dimensions.PROBE, "c", Duration.ofMillis(5)));
    bus.publish(
        new ConnectAttemptTraced(
            EventSource.PROBE,
            at,
            Dimensions.PROBE,
            "c",
            Map.of(ConnectPhase.TCP, Duration.ofMillis(1)),
            ConnectFailureReason.TLS_UNTRUSTED));
    bus.publish(
        new TlsCertificateSeen(
            EventSource.PROBE, at, Dimensions.PROBE, at.plusSeconds(86400), at.plusSeconds(600)));
    bus.publish(
        new MessageProbed(
            EventSource.PROBE,
            at,
            Dimensions.PROBE,
            MessageProbed.Path.PROBE,
            MessageProbed.Outcome.DELIVERED,
            Duration.ofMillis(20)));
    bus.publish(
        new UpstreamFrameRejected(
            EventSource.PROBE, at, Dimensions.PROBE, "c", FrameRejectReason.NOT_JSON));
  }

  @Test
  void everyRegisteredFamilyIsDocumentedWithItsTypeAndNothingElseIs() throws Exception {
    // Run as shard 1 of 3 so that the shard series, absent when unsharded, are registered too.
    Map<String, String> env =
        Map.of(
            "K",
            "catalog-key-0123456789",
            "S",
            "catalog-secret-0123456789",
            "NEXCONN_SHARD_INDEX",
            "1",
            "NEXCONN_SHARD_COUNT",
            "3");
    ExporterConfig config =
        ConfigLoader.parse(
            """
            http: {host: 127.0.0.1, port: 0}
            ingest:
              apiKeysEnv: K
              webhook: {secretEnv: S}
            alerting:
              alertmanagers:
                - url: http://127.0.0.1:9
            """,
            env::get);
    Vertx vertx = Vertx.vertx();
    try {
      ExporterApp app = ExporterApp.start(vertx, config, env::get).await(20, TimeUnit.SECONDS);
      publishOneOfEach(app.bus());
      Map<String, String> registered = PrometheusText.families(app.registry().scrape());
      Map<String, String> documented = documented();

      Map<String, String> undocumented = new TreeMap<>(registered);
      undocumented.keySet().removeAll(documented.keySet());
      assertThat(undocumented).as("registered but missing from docs/metrics.md").isEmpty();

      Map<String, String> unregistered = new TreeMap<>(documented);
      unregistered.keySet().removeAll(registered.keySet());
      unregistered.keySet().removeAll(REGISTERED_CONDITIONALLY);
      unregistered.keySet().removeIf(n -> n.startsWith(WEB_SDK_PREFIX));
      assertThat(registered.keySet())
          .as("Web SDK driver families without upstream.type: web-sdk")
          .noneMatch(n -> n.startsWith(WEB_SDK_PREFIX));
      assertThat(documented.keySet()).filteredOn(n -> n.startsWith(WEB_SDK_PREFIX)).hasSize(5);
      assertThat(unregistered).as("in docs/metrics.md but not registered").isEmpty();

      for (Map.Entry<String, String> e : registered.entrySet()) {
        assertThat(documented.get(e.getKey())).as("type of %s", e.getKey()).isEqualTo(e.getValue());
      }
      app.stop().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
