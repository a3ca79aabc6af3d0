package dev.nexconn.exporter.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A URL as config records print it: user-info and query may carry credentials (a basic-auth
 * password, an {@code ?apiKey=}), so {@code toString()} shows only scheme, host, port and path.
 */
final class UrlText {
  private UrlText() {}

  /**
   * Parses the URL under {@code key}; the error names the key and where the URL breaks but never
   * repeats it, since it may hold a password.
   */
  static URI parse(ConfigNode n, String key, String raw) {
    try {
      return new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          n.pathOf(key),
          "is not a valid URL: "
              + e.getReason()
              + (e.getIndex() < 0 ? "" : " at character " + (e.getIndex() + 1)));
    }
  }

  /** {@code https://user:pw@host:8443/p?key=k} becomes {@code https://host:8443/p?<redacted>}. */
  static String withoutCredentials(URI url) {
    if (url == null) {
      return "null";
    }
    if (url.getHost() == null) {
      return url.getScheme() + ":<redacted>";
    }
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?<redacted>");
  }
}
