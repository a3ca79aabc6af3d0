package dev.nexconn.exporter.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML config file, substitutes {@code ${VAR}} and {@code ${VAR:-default}} from the
 * environment, and validates it into an {@link ExporterConfig}. Every failure is a {@link
 * ConfigException} naming the key.
 *
 * <pre>{@code
 * ExporterConfig config = ConfigLoader.load(Path.of("/etc/nexconn/config.yaml"));
 * }</pre>
 */
public final class ConfigLoader {
  private static final Pattern ENV_REF =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private ConfigLoader() {}

  /** Loads and validates a file, taking variables from the process environment. */
  public static ExporterConfig load(Path file) {
    return load(file, System.getenv()::get);
  }

  /** Loads and validates a file with the given variable lookup. */
  public static ExporterConfig load(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
    }
    return parse(text, env);
  }

  /**
   * Parses and validates YAML text. {@code ${NEXCONN_SHARD_INDEX}} falls back to the pod name's
   * ordinal, and on a sharded StatefulSet explicit user lists keep this shard's users ({@link
   * ShardEnv}).
   */
  public static ExporterConfig parse(String yaml, Function<String, String> env) {
    String substituted = substitute(yaml, ShardEnv.resolved(env));
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(substituted);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new ConfigException(
          "", "config is not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    ShardEnv.of(env).splitUsers(root);
    return ExporterConfig.from(new ConfigNode(root, ""));
  }

  /** Parses with the process environment. */
  public static ExporterConfig parse(String yaml) {
    return parse(yaml, System.getenv()::get);
  }

  static String substitute(String text, Function<String, String> env) {
    Matcher m = ENV_REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.apply(m.group(1));
      if (value == null) {
        value = m.group(3);
      }
      if (value == null) {
        throw new ConfigException(
            "",
            "environment variable "
                + m.group(1)
                + " is referenced as ${"
                + m.group(1)
                + "} but not set: set it or write ${"
                + m.group(1)
                + ":-default}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
