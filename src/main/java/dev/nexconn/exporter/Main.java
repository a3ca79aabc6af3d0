package dev.nexconn.exporter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code nexconn-exporter} command line. With no subcommand it runs the sidecar ({@code run});
 * without {@code --config} that is the demo: the sidecar against an embedded emulator.
 */
@Command(
    name = "nexconn-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Connection-health exporter for the Nexconn chat service.",
    subcommands = {
      RunCommand.class,
      EmulatorCommand.class,
      CheckConfigCommand.class,
      VersionCommand.class
    })
public final class Main implements java.util.concurrent.Callable<Integer> {
  @Mixin RunOptions options = new RunOptions();

  @Override
  public Integer call() throws Exception {
    return new RunCommand(options).call();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
