package dev.nexconn.exporter;

import dev.nexconn.exporter.emulator.EmulatorOptions;
import dev.nexconn.exporter.emulator.EmulatorVerticle;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Nexconn server emulator alone. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Nexconn server emulator alone (protocol v1 endpoint and Server API v4).",
      "The App Secret is read from the environment variable named by --app-secret-env."
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

  @Override
  public Integer call() throws Exception {
    String secret = System.getenv(appSecretEnv);
    boolean generated = secret == null || secret.isBlank();
    if (generated) {
      byte[] bytes = new byte[20];
      new SecureRandom().nextBytes(bytes);
      secret = HexFormat.of().formatHex(bytes);
    }
    Vertx vertx = Vertx.vertx();
    EmulatorVerticle emulator =
        new EmulatorVerticle(new EmulatorOptions(host, port, appKey, secret), Clock.systemUTC());
    try {
      vertx.deployVerticle(emulator).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("emulator: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      vertx.close();
      return 1;
    }
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
            + ")");
    CountDownLatch latch = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> latch.countDown());
    }
    latch.await();
    vertx.close().await(5, TimeUnit.SECONDS);
    return 0;
  }
}
