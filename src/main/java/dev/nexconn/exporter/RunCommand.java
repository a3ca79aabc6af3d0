package dev.nexconn.exporter;

import dev.nexconn.exporter.config.ConfigException;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the sidecar until SIGTERM or SIGINT, then signs probes out and exits 0. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the sidecar (the default command).",
      "Without --config it starts an embedded Nexconn emulator on loopback and probes it."
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin RunOptions options = new RunOptions();

  RunCommand() {}

  RunCommand(RunOptions options) {
    this.options = options;
  }

  @Override
  public Integer call() throws Exception {
    Vertx vertx = VertxRuntime.create();
    Future<Demo> demo;
    ExporterConfig config;
    Function<String, String> env = System.getenv()::get;
    try {
      if (options.config == null) {
        demo = Demo.start(vertx, options.probeUsers);
        Demo d = demo.await(30, TimeUnit.SECONDS);
        config = d.config();
        env = d.env();
      } else {
        demo = Future.succeededFuture(null);
        config = ConfigLoader.load(options.config);
      }
      if (options.httpHost != null || options.httpPort != null) {
        HttpConfig http = config.http();
        config =
            config.withHttp(
                http.withAddress(
                    options.httpHost != null ? options.httpHost : http.host(),
                    options.httpPort != null ? options.httpPort : http.port()));
      }
    } catch (ConfigException e) {
      System.err.println("nexconn-exporter: invalid config: " + e.getMessage());
      vertx.close();
      return 2;
    }
    ExporterApp app;
    try {
      app = ExporterApp.start(vertx, config, env).await(30, TimeUnit.SECONDS);
    } catch (ConfigException e) {
      System.err.println("nexconn-exporter: invalid config: " + e.getMessage());
      vertx.close();
      return 2;
    } catch (Exception e) {
      if (e instanceof java.net.BindException
          || String.valueOf(e.getMessage()).contains("in use")) {
        System.err.println(
            "nexconn-exporter: cannot listen on "
                + config.http().host()
                + ":"
                + config.http().port()
                + " ("
                + e.getMessage()
                + "): choose another port with --http-port N (0 = any free port) or http.port");
        vertx.close();
        return 2;
      }
      System.err.println("nexconn-exporter: cannot start: " + e.getMessage());
      vertx.close();
      return 1;
    }
    String host = config.http().host();
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    System.out.println(
        "nexconn-exporter listening on http://"
            + shown
            + ":"
            + app.httpPort()
            + " (metrics at /metrics)");
    System.out.flush();
    LOG.atInfo()
        .addKeyValue("event", "started")
        .addKeyValue("http_port", app.httpPort())
        .addKeyValue("probe_groups", config.probeGroups().size())
        .addKeyValue("demo", options.config == null)
        .log();
    Demo demoRunning = demo.result();
    if (demoRunning != null) {
      demoRunning.playScenarios(vertx, app.httpPort());
    }
    awaitSignal();
    LOG.atInfo().addKeyValue("event", "stopping").addKeyValue("reason", "signal").log();
    try {
      app.stop().await(config.shutdownGrace().toMillis() + 2000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.atWarn()
          .addKeyValue("event", "stop_incomplete")
          .addKeyValue("error", e.getMessage())
          .log();
    }
    vertx.close().await(5, TimeUnit.SECONDS);
    LOG.atInfo().addKeyValue("event", "stopped").log();
    return 0;
  }

  @SuppressWarnings("restriction")
  private static void awaitSignal() throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> latch.countDown());
    }
    latch.await();
  }
}
