package dev.nexconn.exporter.config;

/**
 * Invalid configuration. The message starts with the path of the offending key, for example {@code
 * probes.groups[0].count: must be at least 1, got 0}, and says how to fix it.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public ConfigException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
  }

  /** The dotted path of the key at fault ({@code ""} for the whole file). */
  public String path() {
    return path;
  }
}
