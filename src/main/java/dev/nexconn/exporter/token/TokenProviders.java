package dev.nexconn.exporter.token;

import dev.nexconn.exporter.config.ConfigException;
import dev.nexconn.exporter.config.TokenConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** Builds the {@link TokenProvider} a {@link TokenConfig} describes. */
public final class TokenProviders {
  private TokenProviders() {}

  /**
   * The provider for {@code config}.
   *
   * @param path the config path of the token block, for error messages
   * @param env environment lookup for {@code appSecretEnv}
   * @throws ConfigException when the App Secret cannot be read
   */
  public static TokenProvider create(
      Vertx vertx,
      WebClient client,
      TokenConfig config,
      String path,
      Function<String, String> env,
      Clock clock,
      RandomGenerator random) {
    return switch (config.kind()) {
      case STATIC -> new StaticTokenProvider(config.value());
      case FILE -> new FileTokenProvider(vertx, readableTokenFile(config, path));
      case APP_SERVER -> new AppServerTokenProvider(client, config.url());
      case SERVER_API ->
          new ServerApiTokenProvider(
              client, config.url(), config.appKey(), appSecret(config, path, env), clock, random);
    };
  }

  /**
   * The Server API message sender of a group whose token block is a {@code server-api} one: the
   * same url, App Key and App Secret.
   *
   * @throws ConfigException when the token block is not {@code server-api} or its secret is unset
   */
  public static ServerApiMessageSender messageSender(
      WebClient client,
      TokenConfig config,
      String path,
      Function<String, String> env,
      Clock clock,
      RandomGenerator random) {
    if (config.kind() != TokenConfig.Kind.SERVER_API) {
      throw new ConfigException(
          path + ".type",
          "messages.serverApi needs token.type server-api (its url, appKey and App Secret)");
    }
    return new ServerApiMessageSender(
        client, config.url(), config.appKey(), appSecret(config, path, env), clock, random);
  }

  private static java.nio.file.Path readableTokenFile(TokenConfig config, String path) {
    // Checked once at start (and by check-config): a Secret that is not mounted is a deployment
    // error to report with its key, not a probe that quietly retries forever.
    if (!Files.isReadable(config.file())) {
      throw new ConfigException(
          path + ".file",
          "cannot read "
              + config.file()
              + ": mount the Secret there or point token.file at the token file");
    }
    return config.file();
  }

  private static String appSecret(TokenConfig config, String path, Function<String, String> env) {
    if (config.appSecretEnv() != null) {
      String value = env.apply(config.appSecretEnv());
      if (value == null || value.isBlank()) {
        throw new ConfigException(
            path + ".appSecretEnv",
            "environment variable " + config.appSecretEnv() + " is not set or empty");
      }
      return value.trim();
    }
    try {
      String value = Files.readString(config.appSecretFile()).trim();
      if (value.isEmpty()) {
        throw new ConfigException(
            path + ".appSecretFile", "file " + config.appSecretFile() + " is empty");
      }
      return value;
    } catch (IOException e) {
      throw new ConfigException(
          path + ".appSecretFile",
          "cannot read " + config.appSecretFile() + ": " + e.getClass().getSimpleName());
    }
  }
}
