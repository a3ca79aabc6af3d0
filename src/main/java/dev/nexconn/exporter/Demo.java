package dev.nexconn.exporter;

import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.emulator.ScenarioVerticle;
import dev.nexconn.exporter.emulator.VirtualAppOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The demo: an emulator on loopback with fresh random credentials, and a sidecar config that probes
 * it through the Server API token provider. Once the sidecar listens, {@link #playScenarios} cycles
 * through the built-in scenarios, with the virtual-app simulator reporting to the sidecar. The App
 * Secret, the ingest API key and the webhook secret live only in memory; the sidecar reads them
 * through {@link #env()} under the variable names below.
 */
record Demo(EmulatorVerticle emulator, ExporterConfig config, Function<String, String> env) {
  static final String SECRET_VARIABLE = "NEXCONN_DEMO_APP_SECRET";
  static final String INGEST_KEY_VARIABLE = "NEXCONN_DEMO_INGEST_API_KEY";
  static final String WEBHOOK_SECRET_VARIABLE = "NEXCONN_DEMO_WEBHOOK_SECRET";

  static Future<Demo> start(Vertx vertx, int probeUsers) {
    String secret = EmulatorOptions.randomSecret();
    String ingestKey = EmulatorOptions.randomSecret();
    String webhookSecret = EmulatorOptions.randomSecret();
    String appKey = "demo-app-key";
    EmulatorVerticle emulator =
        new EmulatorVerticle(
            new EmulatorOptions("127.0.0.1", 0, appKey, secret), Clock.systemUTC());
    return vertx
        .deployVerticle(emulator)
        .map(
            id -> {
              String yaml =
                  """
                  http:
                    host: 127.0.0.1
                    port: 9464
                  upstream:
                    url: ws://127.0.0.1:%d%s
                  probes:
                    groups:
                      - name: demo
                        count: %d
                        idPrefix: demo-probe-
                        token:
                          type: server-api
                          url: http://127.0.0.1:%d
                          appKey: %s
                          appSecretEnv: %s
                  ingest:
                    # the demo virtual-app reports from one key at fleet rates
                    rateLimit: {batchesPerSecond: 250, burst: 500}
                  shutdown:
                    graceSeconds: 5
                  """
                      .formatted(
                          emulator.port(),
                          EmulatorVerticle.CONNECT_PATH,
                          probeUsers,
                          emulator.port(),
                          appKey,
                          SECRET_VARIABLE);
              Map<String, String> env =
                  Map.of(
                      SECRET_VARIABLE,
                      secret,
                      INGEST_KEY_VARIABLE,
                      ingestKey,
                      WEBHOOK_SECRET_VARIABLE,
                      webhookSecret);
              ExporterConfig config = ConfigLoader.parse(yaml, env::get);
              config =
                  config.withIngest(
                      config
                          .ingest()
                          .withSecretsFromEnv(INGEST_KEY_VARIABLE, WEBHOOK_SECRET_VARIABLE));
              return new Demo(emulator, config, env::get);
            });
  }

  /**
   * Cycles through the built-in scenarios; the emulator's presence webhooks and the fleet's SDK
   * reports go to the sidecar on {@code sidecarPort}.
   */
  Future<String> playScenarios(Vertx vertx, int sidecarPort) {
    return playScenarios(vertx, sidecarPort, ScenarioVerticle.BUILT_IN, true);
  }

  /** Plays the named built-in scenarios in order, once or in a loop. */
  Future<String> playScenarios(Vertx vertx, int sidecarPort, List<String> scenarios, boolean loop) {
    String base = "http://127.0.0.1:" + sidecarPort;
    String webhookSecret = env.apply(WEBHOOK_SECRET_VARIABLE);
    VirtualAppOptions fleet =
        VirtualAppOptions.forSidecar(base, env.apply(INGEST_KEY_VARIABLE), webhookSecret);
    emulator.control().presenceWebhooks(List.of(fleet.webhookUrl()), webhookSecret);
    return vertx.deployVerticle(
        new ScenarioVerticle(
            emulator.control(),
            fleet,
            scenarios,
            loop,
            Clock.systemUTC(),
            new SplittableRandom(),
            System.console() != null ? System.out : null));
  }
}
