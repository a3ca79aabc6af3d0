package dev.nexconn.exporter.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * How a probe group obtains access tokens. Secrets are referenced (file or environment variable),
 * never written into the config file itself.
 *
 * @param kind which provider
 * @param value a literal token ({@code static}; for demos and tests)
 * @param file a file holding the token ({@code file}), re-read when it changes
 * @param url the app server endpoint ({@code app-server}) or the Server API base URL ({@code
 *     server-api})
 * @param appKey the App Key ({@code server-api})
 * @param appSecretFile a file holding the App Secret ({@code server-api})
 * @param appSecretEnv an environment variable holding the App Secret ({@code server-api})
 */
public record TokenConfig(
    Kind kind,
    String value,
    Path file,
    URI url,
    String appKey,
    Path appSecretFile,
    String appSecretEnv) {

  /** Token provider kinds. */
  public enum Kind {
    STATIC,
    FILE,
    APP_SERVER,
    SERVER_API
  }

  @Override
  public String toString() {
    return "TokenConfig[kind="
        + kind
        + ", url="
        + UrlText.withoutCredentials(url)
        + ", appKey="
        + appKey
        + "]";
  }

  static TokenConfig from(ConfigNode n) {
    n.requireOnly("type", "value", "file", "url", "appKey", "appSecretFile", "appSecretEnv");
    if (!n.isPresent()) {
      throw new ConfigException(
          n.path(), "is required: set type to static, file, app-server or server-api");
    }
    Kind kind = n.choice("type", Kind.class, null);
    if (kind == null) {
      throw new ConfigException(
          n.pathOf("type"), "is required: one of static, file, app-server, server-api");
    }
    String value = null;
    Path file = null;
    URI url = null;
    String appKey = null;
    Path secretFile = null;
    String secretEnv = null;
    switch (kind) {
      case STATIC -> value = n.requiredString("value", "the literal access token");
      case FILE ->
          file = n.filePath("file", n.requiredString("file", "path of a file holding the token"));
      case APP_SERVER -> url = uri(n, "url", "your app server's token endpoint (http or https)");
      case SERVER_API -> {
        url = uri(n, "url", "the Server API base URL, e.g. https://api.example.com");
        appKey = n.requiredString("appKey", "the App Key of your Nexconn app");
        String f = n.string("appSecretFile", null);
        secretEnv = n.string("appSecretEnv", null);
        if ((f == null) == (secretEnv == null)) {
          throw new ConfigException(
              n.path(),
              "set exactly one of appSecretFile (a mounted Secret) or appSecretEnv (an"
                  + " environment variable name) for the App Secret");
        }
        secretFile = f == null ? null : n.filePath("appSecretFile", f);
      }
      default -> throw new IllegalStateException(kind.name());
    }
    return new TokenConfig(kind, value, file, url, appKey, secretFile, secretEnv);
  }

  private static URI uri(ConfigNode n, String key, String hint) {
    String raw = n.requiredString(key, hint);
    URI u = UrlText.parse(n, key, raw);
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
      throw new ConfigException(n.pathOf(key), "must start with http:// or https://");
    }
    return u;
  }
}
