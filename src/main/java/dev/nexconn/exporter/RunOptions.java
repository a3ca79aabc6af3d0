package dev.nexconn.exporter;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the {@code run} command, also accepted without the subcommand name. */
final class RunOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML config file. Without it: demo mode against an embedded emulator.")
  Path config;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      description = "HTTP port for /metrics, probes and the API (0 = ephemeral). Overrides config.")
  Integer httpPort;

  @Option(
      names = "--http-host",
      paramLabel = "HOST",
      description = "HTTP bind address. Demo default 127.0.0.1; overrides config.")
  String httpHost;

  @Option(
      names = "--probe-users",
      paramLabel = "N",
      defaultValue = "3",
      description = "Demo mode: how many probe users to connect (default ${DEFAULT-VALUE}).")
  int probeUsers;
}
