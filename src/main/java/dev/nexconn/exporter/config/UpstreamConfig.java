package dev.nexconn.exporter.config;

import java.net.URI;

/**
 * Where probe connections go.
 *
 * @param url the WebSocket endpoint, {@code ws://} or {@code wss://}
 */
public record UpstreamConfig(URI url) {
  static UpstreamConfig from(ConfigNode n) {
    n.requireOnly("url");
    String raw =
        n.requiredString("url", "set it to the upstream endpoint, e.g. ws://host:port/v1/connect");
    URI uri;
    try {
      uri = URI.create(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n.pathOf("url"), "is not a valid URI: " + e.getMessage());
    }
    if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
      throw new ConfigException(
          n.pathOf("url"), "must start with ws:// or wss://, got '" + raw + "'");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(n.pathOf("url"), "must name a host, got '" + raw + "'");
    }
    return new UpstreamConfig(uri);
  }
}
