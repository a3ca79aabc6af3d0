package dev.nexconn.exporter.emulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * How the emulator listens, which app credentials it accepts, and where it sends presence webhooks.
 *
 * <pre>{@code
 * EmulatorOptions o = new EmulatorOptions("127.0.0.1", 0, "key", secret)
 *     .withWebhooks(List.of("http://127.0.0.1:9464/api/v1/webhooks/nexconn"), webhookSecret);
 * }</pre>
 *
 * @param host bind address of the public listener (connection endpoint and Server API)
 * @param port its TCP port, 0 for an ephemeral one
 * @param appKey the App Key the Server API accepts
 * @param appSecret the App Secret that signs Server API requests (never logged)
 * @param adminHost bind address of the fault admin API (loopback by default: it has no auth)
 * @param adminPort its port, 0 for an ephemeral one, negative to disable it
 * @param webhookUrls where {@code user:connection_status} envelopes go (may be empty)
 * @param webhookSecret the shared secret sent in {@code X-Nexconn-Webhook-Secret} (never logged)
 * @param apiRatePerSecond Server API requests per endpoint per second before 1008 (0 = no limit)
 */
public record EmulatorOptions(
    String host,
    int port,
    String appKey,
    String appSecret,
    String adminHost,
    int adminPort,
    List<String> webhookUrls,
    String webhookSecret,
    int apiRatePerSecond) {

  /** The real service's limit for {@code access-token/issue}. */
  public static final int DEFAULT_API_RATE = 200;

  private static final SecureRandom RANDOM = new SecureRandom();

  public EmulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(appKey, "appKey");
    Objects.requireNonNull(appSecret, "appSecret");
    adminHost = Objects.requireNonNullElse(adminHost, "127.0.0.1");
    webhookUrls = List.copyOf(Objects.requireNonNullElse(webhookUrls, List.of()));
    webhookSecret = Objects.requireNonNullElse(webhookSecret, "");
  }

  /**
   * A fresh random secret, 40 lower-case hex characters (160 bits): an App Secret nobody chose, or
   * the demo's ingest API key and webhook secret.
   */
  public static String randomSecret() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Loopback admin API on an ephemeral port, no webhooks, the default API rate. */
  public EmulatorOptions(String host, int port, String appKey, String appSecret) {
    this(host, port, appKey, appSecret, "127.0.0.1", 0, List.of(), "", DEFAULT_API_RATE);
  }

  /** A copy with the admin API on {@code adminHost:adminPort} (negative port disables it). */
  public EmulatorOptions withAdmin(String adminHost, int adminPort) {
    return new EmulatorOptions(
        host,
        port,
        appKey,
        appSecret,
        adminHost,
        adminPort,
        webhookUrls,
        webhookSecret,
        apiRatePerSecond);
  }

  /** A copy that sends presence webhooks to {@code urls} with {@code secret}. */
  public EmulatorOptions withWebhooks(List<String> urls, String secret) {
    return new EmulatorOptions(
        host, port, appKey, appSecret, adminHost, adminPort, urls, secret, apiRatePerSecond);
  }

  /** A copy with another Server API rate limit per endpoint and second. */
  public EmulatorOptions withApiRate(int perSecond) {
    return new EmulatorOptions(
        host, port, appKey, appSecret, adminHost, adminPort, webhookUrls, webhookSecret, perSecond);
  }

  @Override
  public String toString() {
    return "EmulatorOptions[host="
        + host
        + ", port="
        + port
        + ", appKey="
        + appKey
        + ", adminHost="
        + adminHost
        + ", adminPort="
        + adminPort
        + ", webhookUrls="
        + webhookUrls.stream().map(UrlText::withoutCredentials).toList()
        + ", apiRatePerSecond="
        + apiRatePerSecond
        + "]";
  }
}
