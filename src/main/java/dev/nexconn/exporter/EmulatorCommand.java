package dev.nexconn.exporter;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import dev.nexconn.exporter.emulator.ScenarioException;
import dev.nexconn.exporter.emulator.ScenarioVerticle;
import dev.nexconn.exporter.emulator.VirtualAppOptions;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Nexconn server emulator alone, optionally playing a scenario with the fleet. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Nexconn server emulator alone (protocol v1 endpoint, Server API v4, fault admin API).",
      "With --scenario it plays a scenario (built-in name or YAML file) and runs the virtual-app simulator,",
      "which reports to the sidecar at --sidecar. Secrets are read from environment variables."
    })
final class EmulatorCommand implements Callable<Integer> {
  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Bind address (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "9000",
      description = "Port, 0 = ephemeral (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--admin-host",
      defaultValue = "127.0.0.1",
      description =
          "Bind address of the fault admin API, which has no auth (default ${DEFAULT-VALUE}).")
  String adminHost;

  @Option(
      names = "--admin-port",
      defaultValue = "9001",
      description = "Port of the fault admin API, -1 = off (default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--app-key",
      defaultValue = "demo-app-key",
      description = "App Key (default ${DEFAULT-VALUE}).")
  String appKey;

  @Option(
      names = "--app-secret-env",
      defaultValue = "NEXCONN_APP_SECRET",
      description =
          "Environment variable holding the App Secret (default ${DEFAULT-VALUE}); a random one is used when unset.")
  String appSecretEnv;

  @Option(
      names = "--api-rate",
      defaultValue = "200",
      description =
          "Server API requests per endpoint per second before 1008/HTTP 429, 0 = no limit (default ${DEFAULT-VALUE}, the real limit of access-token/issue).")
  int apiRate;

  @Option(
      names = "--token-lifetime",
      defaultValue = "0",
      description =
          "Console token lifetime in seconds for issued tokens, 0 = never expire (default ${DEFAULT-VALUE}).")
  long tokenLifetimeSeconds;

  @Option(
      names = "--scenario",
      description = "Play a scenario: one of ${COMPLETION-CANDIDATES} or a YAML file.",
      completionCandidates = BuiltInScenarios.class)
  String scenario;

  @Option(names = "--loop", description = "Repeat the scenario until stopped.")
  boolean loop;

  @Option(
      names = "--sidecar",
      defaultValue = "http://127.0.0.1:9464",
      description =
          "Sidecar base URL for virtual-app reports and presence webhooks (default ${DEFAULT-VALUE}).")
  String sidecar;

  @Option(
      names = "--fleet-batches-per-second",
      defaultValue = "200",
      description =
          "Most SDK reports per second the whole fleet sends; keep the sidecar's ingest.rateLimit at least this high (default ${DEFAULT-VALUE}).")
  double fleetBatchesPerSecond;

  @Option(
      names = "--api-key-env",
      defaultValue = "NEXCONN_INGEST_API_KEY",
      description =
          "Environment variable with the sidecar's ingest API key (default ${DEFAULT-VALUE}).")
  String apiKeyEnv;

  @Option(
      names = "--webhook-secret-env",
      defaultValue = "NEXCONN_WEBHOOK_SECRET",
      description =
          "Environment variable with the presence webhook secret (default ${DEFAULT-VALUE}).")
  String webhookSecretEnv;

  @Override
  public Integer call() throws Exception {
    if (scenario != null) {
      try {
        ScenarioVerticle.validate(List.of(scenario));
      } catch (ScenarioException e) {
        System.err.println("emulator: " + e.getMessage());
        return 2;
      }
    }
    String secret = System.getenv(appSecretEnv);
    boolean generated = secret == null || secret.isBlank();
    if (generated) {
      secret = EmulatorOptions.randomSecret();
    }
    String webhookSecret = orEmpty(System.getenv(webhookSecretEnv));
    VirtualAppOptions fleet =
        VirtualAppOptions.forSidecar(sidecar, orEmpty(System.getenv(apiKeyEnv)), webhookSecret)
            .withBatchesPerSecond(Math.max(0.1, fleetBatchesPerSecond));
    EmulatorOptions options =
        new EmulatorOptions(host, port, appKey, secret)
            .withAdmin(adminHost, adminPort)
            .withApiRate(Math.max(0, apiRate))
            .withWebhooks(
                scenario == null ? List.of() : List.of(fleet.webhookUrl()), webhookSecret);
    Vertx vertx = VertxRuntime.create();
    EmulatorVerticle emulator = new EmulatorVerticle(options, Clock.systemUTC());
    try {
      vertx.deployVerticle(emulator).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("emulator: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      vertx.close();
      return 1;
    }
    emulator
        .control()
        .tokenLifetime(java.time.Duration.ofSeconds(Math.max(0, tokenLifetimeSeconds)));
    System.out.println(
        "nexconn emulator listening on http://"
            + host
            + ":"
            + emulator.port()
            + " (connect ws://"
            + host
            + ":"
            + emulator.port()
            + EmulatorVerticle.CONNECT_PATH
            + ", App-Key "
            + appKey
            + ", App Secret "
            + (generated
                ? "random: set " + appSecretEnv + " to choose one"
                : "from " + appSecretEnv)
            + (emulator.adminPort() > 0
                ? ", fault admin API http://" + adminHost + ":" + emulator.adminPort() + "/admin/v1"
                : "")
            + ")");
    CountDownLatch latch = new CountDownLatch(1);
    if (scenario != null) {
      ScenarioVerticle player =
          new ScenarioVerticle(
              emulator.control(),
              fleet,
              List.of(scenario),
              loop,
              Clock.systemUTC(),
              new SplittableRandom(),
              System.console() != null ? System.out : null);
      vertx.deployVerticle(player).await(30, TimeUnit.SECONDS);
      player.finished().onComplete(v -> latch.countDown());
    }
    for (String name : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> latch.countDown());
    }
    latch.await();
    vertx.close().await(5, TimeUnit.SECONDS);
    return 0;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The built-in scenario names, for picocli's help text. */
  static final class BuiltInScenarios extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    BuiltInScenarios() {
      super(ScenarioVerticle.BUILT_IN);
    }
  }
}
