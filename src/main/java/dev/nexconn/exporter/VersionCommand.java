package dev.nexconn.exporter;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** Prints the version. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
final class VersionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("nexconn-exporter " + version());
    return 0;
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The source revision the jar was built from, {@code unknown} when the build did not know. */
  static String revision() {
    try (var in = VersionCommand.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        java.util.Properties p = new java.util.Properties();
        p.load(in);
        String r = p.getProperty("revision", "");
        if (!r.isBlank() && !r.startsWith("${")) {
          return r;
        }
      }
    } catch (java.io.IOException e) {
      // An unreadable resource is reported as an unknown revision.
    }
    return "unknown";
  }

  /** Feeds {@code --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nexconn-exporter " + version()};
    }
  }
}
