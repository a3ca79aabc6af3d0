package dev.nexconn.exporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A read-only view of one mapping in the config file that knows its own path, so that every error
 * names the exact key. Unknown keys are errors: a typo must not silently fall back to a default.
 */
final class ConfigNode {
  private final JsonNode node;
  private final String path;

  ConfigNode(JsonNode node, String path) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
    if (!this.node.isMissingNode() && !this.node.isNull() && !this.node.isObject()) {
      throw new ConfigException(path, "must be a mapping of keys to values");
    }
  }

  String path() {
    return path;
  }

  boolean isPresent() {
    return !node.isMissingNode() && !node.isNull();
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Fails on any key not in {@code known}, naming the closest known keys. */
  void requireOnly(String... known) {
    Set<String> allowed = Set.of(known);
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new ConfigException(
            pathOf(name), "unknown key; known keys here are " + new TreeSet<>(allowed));
      }
    }
  }

  /** The raw value under {@code key} (null when absent), for free-form maps such as labels. */
  JsonNode raw(String key) {
    return node.get(key);
  }

  ConfigNode child(String key) {
    return new ConfigNode(node.get(key), pathOf(key));
  }

  List<ConfigNode> children(String key) {
    JsonNode v = node.get(key);
    List<ConfigNode> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new ConfigException(pathOf(key), "must be a list");
    }
    for (int i = 0; i < v.size(); i++) {
      out.add(new ConfigNode(v.get(i), pathOf(key) + "[" + i + "]"));
    }
    return out;
  }

  List<String> strings(String key) {
    JsonNode v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new ConfigException(pathOf(key), "must be a list of strings");
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual() && !item.isNumber()) {
        throw new ConfigException(pathOf(key) + "[" + i + "]", "must be a string");
      }
      out.add(item.asText());
    }
    return out;
  }

  String string(String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isValueNode() || v.isBoolean()) {
      throw new ConfigException(pathOf(key), "must be a string");
    }
    return v.asText();
  }

  /**
   * {@code text}, the value of {@code key}, as a file system path; a value the platform cannot hold
   * as a path (a NUL, an unpaired surrogate) is a config error naming the key.
   */
  java.nio.file.Path filePath(String key, String text) {
    try {
      return java.nio.file.Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ConfigException(
          pathOf(key), "is not a usable file path (" + e.getReason() + "): write a plain path");
    }
  }

  String requiredString(String key, String hint) {
    String s = string(key, null);
    if (s == null || s.isBlank()) {
      throw new ConfigException(pathOf(key), "is required: " + hint);
    }
    return s;
  }

  long integer(String key, long fallback, long min, long max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    long value;
    if (v.isIntegralNumber()) {
      value = v.asLong();
    } else if (v.isTextual() && v.asText().matches("-?\\d+")) {
      value = Long.parseLong(v.asText());
    } else {
      throw new ConfigException(pathOf(key), "must be a whole number, got '" + v.asText() + "'");
    }
    if (value < min || value > max) {
      throw new ConfigException(
          pathOf(key), "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  double decimal(String key, double fallback, double min, double max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    double value;
    if (v.isNumber()) {
      value = v.asDouble();
    } else {
      try {
        value = Double.parseDouble(v.asText());
      } catch (NumberFormatException e) {
        throw new ConfigException(pathOf(key), "must be a number, got '" + v.asText() + "'");
      }
    }
    if (!(value >= min && value <= max)) {
      throw new ConfigException(
          pathOf(key), "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
      return Boolean.parseBoolean(v.asText());
    }
    throw new ConfigException(pathOf(key), "must be true or false, got '" + v.asText() + "'");
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    String s = string(key, null);
    if (s == null) {
      return fallback;
    }
    String normalized = s.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(normalized)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    throw new ConfigException(pathOf(key), "must be one of " + names + ", got '" + s + "'");
  }
}
