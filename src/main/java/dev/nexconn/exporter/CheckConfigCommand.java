package dev.nexconn.exporter;

import dev.nexconn.exporter.config.ConfigException;
import dev.nexconn.exporter.config.ConfigLoader;
import dev.nexconn.exporter.config.ExporterConfig;
import dev.nexconn.exporter.config.ProbeGroupConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Validates a config file, including the secret files and environment variables it references, and
 * reports the first problem with the key that causes it: the same errors a start reports.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = "Validate a config file; exit 0 when valid, 2 with the offending key otherwise.")
final class CheckConfigCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The YAML config file.")
  Path file;

  @Override
  public Integer call() {
    try {
      ExporterConfig config = ConfigLoader.load(file);
      Vertx vertx = Vertx.vertx();
      try {
        ExporterApp.check(vertx, config, System.getenv()::get);
      } finally {
        vertx.close();
      }
      int probes = config.probeGroups().stream().mapToInt(g -> g.userIds().size()).sum();
      System.out.println(
          "config OK: "
              + file
              + " ("
              + config.probeGroups().size()
              + " probe group(s), "
              + probes
              + " probe user(s), http port "
              + config.http().port()
              + ")");
      if (config.upstream() != null && config.upstream().webSdk() != null) {
        var sdk = config.upstream().webSdk();
        System.out.println(
            "  upstream web-sdk: production "
                + sdk.production()
                + ", "
                + (sdk.navigators().isEmpty()
                    ? "the SDK's own navigation servers"
                    : sdk.navigators().size() + " navigation server(s)")
                + ", driver "
                + sdk.driver().dir()
                + " (at most "
                + sdk.driver().maxProbes()
                + " probes, about "
                + sdk.driver().maxProbes()
                    * dev.nexconn.exporter.config.WebSdkDriverConfig.MB_PER_PROBE
                + " MB)");
      }
      for (ProbeGroupConfig g : config.probeGroups()) {
        System.out.println(
            "  group "
                + g.name()
                + ": "
                + g.userIds().size()
                + " users, token "
                + g.token().kind().name().toLowerCase(java.util.Locale.ROOT));
      }
      return 0;
    } catch (ConfigException e) {
      System.err.println("invalid config " + file + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("cannot check config " + file + ": " + e.getMessage());
      return 1;
    }
  }
}
