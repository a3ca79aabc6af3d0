package dev.nexconn.exporter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nexconn.exporter.config.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads scenario YAML (built-in by name, or a file). Errors name the scenario, the key path and the
 * fix, e.g. {@code scenario ban-spike: timeline[1].percent must be a number from 0 to 100}.
 */
final class ScenarioLoader {
  /** The built-in scenarios, in the order the demo cycles through them. */
  static final List<String> BUILT_IN =
      List.of(
          "steady",
          "token-expiry-wave",
          "ban-spike",
          "kick-storm",
          "upstream-outage",
          "db-recreate-wave",
          "proxy-failure");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ScenarioLoader() {}

  /** A built-in scenario by name, or a YAML file by path. */
  static Scenario load(String nameOrPath) {
    if (BUILT_IN.contains(nameOrPath)) {
      String resource = "scenarios/" + nameOrPath + ".yaml";
      try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("built-in scenario resource missing: " + resource);
        }
        return parse(
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), nameOrPath);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + resource, e);
      }
    }
    Path path = Path.of(nameOrPath);
    if (!Files.isRegularFile(path)) {
      throw new ScenarioException(
          "scenario '"
              + nameOrPath
              + "' is neither a built-in ("
              + String.join(", ", BUILT_IN)
              + ") nor a readable YAML file");
    }
    try {
      return parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario file " + path + ": " + e.getMessage());
    }
  }

  /** Parses scenario YAML; {@code origin} names it in errors. */
  static Scenario parse(String yaml, String origin) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ScenarioException(
          "scenario "
              + origin
              + ": not valid YAML: "
              + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new ScenarioException(
          "scenario " + origin + ": expected a mapping with name and timeline");
    }
    Ctx c = new Ctx(origin);
    String name = c.text(root, "name", null);
    String description = c.text(root, "description", "");
    Duration duration = c.duration(root, "duration", null);
    VirtualAppRates fleet = fleet(c, root.get("fleet"));
    JsonNode timeline = root.get("timeline");
    if (timeline == null || !timeline.isArray()) {
      throw c.error("timeline", "must be a list of steps");
    }
    List<ScenarioStep> steps = new ArrayList<>();
    for (int i = 0; i < timeline.size(); i++) {
      steps.add(step(c, "timeline[" + i + "]", timeline.get(i), duration));
    }
    return new Scenario(name, description, duration, fleet, steps);
  }

  private static VirtualAppRates fleet(Ctx c, JsonNode node) {
    VirtualAppRates d = VirtualAppRates.DEFAULT;
    if (node == null) {
      return d;
    }
    int apps = (int) c.number(node, "fleet.apps", "apps", d.apps(), 0, 1_000_000);
    double rate =
        c.number(
            node,
            "fleet.statusChangesPerSecond",
            "statusChangesPerSecond",
            d.statusChangesPerSecond(),
            0,
            100_000);
    Map<String, Integer> platforms = d.platforms();
    JsonNode p = node.get("platforms");
    if (p != null) {
      if (!p.isObject()) {
        throw c.error("fleet.platforms", "must be a mapping like {ios: 40, android: 45, web: 15}");
      }
      platforms = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : p.properties()) {
        if (!List.of("ios", "android", "web").contains(e.getKey())) {
          throw c.error(
              "fleet.platforms." + e.getKey(), "is not a platform: use ios, android or web");
        }
        platforms.put(
            e.getKey(), (int) c.number(p, "fleet.platforms." + e.getKey(), e.getKey(), 0, 0, 1000));
      }
    }
    List<String> versions = d.appVersions();
    JsonNode v = node.get("appVersions");
    if (v != null) {
      if (!v.isArray() || v.isEmpty()) {
        throw c.error("fleet.appVersions", "must be a non-empty list like [\"5.2.0\", \"5.2.1\"]");
      }
      versions = new ArrayList<>();
      for (JsonNode s : v) {
        versions.add(s.asText());
      }
    }
    String sdk = c.text(node, "sdkVersion", d.sdkVersion());
    Duration rampUp = c.duration(node, "fleet.rampUp", d.rampUp());
    return new VirtualAppRates(apps, rate, platforms, versions, sdk, rampUp);
  }

  private static ScenarioStep step(Ctx c, String path, JsonNode node, Duration total) {
    if (node == null || !node.isObject()) {
      throw c.error(path, "must be a mapping with at and action");
    }
    Duration at = c.duration(node, path + ".at", null);
    if (at.compareTo(total) > 0) {
      throw c.error(path + ".at", "is after the scenario's duration " + format(total));
    }
    String actionName = c.text(node, path + ".action", null);
    ScenarioAction action =
        ScenarioAction.fromYaml(actionName)
            .orElseThrow(
                () ->
                    c.error(
                        path + ".action",
                        "'"
                            + actionName
                            + "' is unknown: use one of "
                            + ScenarioAction.allNames()));
    double percent = c.number(node, path + ".percent", "percent", 100, 0, 100);
    Duration duration = c.duration(node, path + ".duration", Duration.ZERO);
    Duration over = c.duration(node, path + ".over", Duration.ofSeconds(10));
    int code = (int) c.number(node, path + ".code", "code", 0, 0, 99_999);
    // delay (a duration) is the latency and message-delay actions' added latency; millis is its
    // older spelling.
    long millis =
        node.has("millis") && !node.has("delay")
            ? (long) c.number(node, path + ".millis", "millis", 0, 0, 120_000)
            : c.duration(node, path + ".delay", Duration.ZERO).toMillis();
    if (node.has("millis") && node.has("delay")) {
      throw c.error(
          path + ".millis", "is the older spelling of delay: set delay (e.g. 800ms) only");
    }
    if (millis > 120_000) {
      throw c.error(
          path + ".delay", "must be at most 2m, got " + format(Duration.ofMillis(millis)));
    }
    String version = c.text(node, path + ".appVersion", "");
    double rate = c.number(node, path + ".rate", "rate", 0, 0, 100_000);
    if (action == ScenarioAction.RELEASE && version.isEmpty()) {
      throw c.error(path + ".appVersion", "is required for release, e.g. appVersion: 5.3.0");
    }
    return new ScenarioStep(at, action, percent, duration, over, code, millis, version, rate);
  }

  /** Formats a duration the way the YAML accepts it: {@code 90s}, {@code 10m}, {@code 500ms}. */
  static String format(Duration d) {
    return DurationText.format(d);
  }

  /** Parsing context: the scenario's origin for error messages. */
  private record Ctx(String origin) {
    ScenarioException error(String path, String problem) {
      return new ScenarioException("scenario " + origin + ": " + path + " " + problem);
    }

    String text(JsonNode node, String path, String fallback) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        if (fallback == null) {
          throw error(path, "is required");
        }
        return fallback;
      }
      if (!v.isValueNode()) {
        throw error(path, "must be a string");
      }
      return v.asText();
    }

    double number(JsonNode node, String path, String key, double fallback, double min, double max) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
        throw error(
            path, "must be a number from " + (long) min + " to " + (long) max + ", got " + v);
      }
      return v.asDouble();
    }

    Duration duration(JsonNode node, String path, Duration fallback) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        if (fallback == null) {
          throw error(path, "is required, e.g. 30s, 2m or 500ms");
        }
        return fallback;
      }
      // The sidecar config's grammar (config.DurationText), so a scenario and a config read alike.
      Duration d = v.isTextual() ? DurationText.parse(v.asText()) : null;
      if (d == null) {
        throw error(
            path,
            "must be a duration like 30s, 2m, 1h or 500ms ("
                + DurationText.EXAMPLES
                + "), got '"
                + v.asText()
                + "'");
      }
      return d;
    }
  }
}
