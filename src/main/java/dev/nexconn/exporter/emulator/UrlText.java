package dev.nexconn.exporter.emulator;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A webhook or sidecar URL as logs and {@code toString()} show it. The presence webhook secret may
 * travel as a query parameter ({@code ?secret=}) and a URL may carry a password, so only scheme,
 * host, port and path are shown. (The config package has its twin; the emulator may not import it.)
 */
final class UrlText {
  private UrlText() {}

  /** {@code http://u:pw@host:9464/p?secret=s} becomes {@code http://host:9464/p?<redacted>}. */
  static String withoutCredentials(String url) {
    if (url == null || url.isEmpty()) {
      return "";
    }
    try {
      URI u = new URI(url);
      if (u.getHost() == null) {
        return "<unparsable URL>";
      }
      return u.getScheme()
          + "://"
          + u.getHost()
          + (u.getPort() < 0 ? "" : ":" + u.getPort())
          + (u.getRawPath() == null ? "" : u.getRawPath())
          + (u.getRawQuery() == null ? "" : "?<redacted>");
    } catch (URISyntaxException e) {
      return "<unparsable URL>";
    }
  }
}
