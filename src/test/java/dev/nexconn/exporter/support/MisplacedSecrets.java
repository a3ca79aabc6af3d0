package dev.nexconn.exporter.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests to the sidecar that carry planted secrets where they do not belong: wrong and near-miss
 * API keys and webhook secrets, the access token as an API key, secrets inside malformed and
 * invalid bodies, in a query string, a path and a URI with a bad escape, beside a request without
 * {@code Host} and a body with a bad chunk size. Each answer is kept by name, for {@link
 * PlantedSecrets#findIn(Map)}.
 *
 * <pre>{@code
 * Map<String, String> answers = new MisplacedSecrets(token, key, near, ...).send(baseUrl);
 * }</pre>
 *
 * @param token the access token a probe uses
 * @param apiKey a valid ingest API key
 * @param nearKey an API key one character off
 * @param appSecret the App Secret
 * @param wrongSecret a wrong App Secret
 * @param hookSecret the webhook secret
 * @param nearHook a webhook secret one character off
 */
public record MisplacedSecrets(
    String token,
    String apiKey,
    String nearKey,
    String appSecret,
    String wrongSecret,
    String hookSecret,
    String nearHook) {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * Sends every request to the sidecar at {@code base} and returns the answers by name (status,
   * headers and body, or the raw response).
   */
  public Map<String, String> send(String base) throws Exception {
    Map<String, String> texts = new LinkedHashMap<>();
    String events = base + "/api/v1/events";
    String batch =
        "{\"batchId\":\"b1\",\"app\":{\"platform\":\"web\",\"appVersion\":\"1\"},"
            + "\"events\":[{\"type\":\"reconnect\",\"at\":"
            + System.currentTimeMillis()
            + ",\"attempt\":1,\"delayMs\":50}]}";
    texts.put("202 accepted batch", post(events, batch, "Authorization", "Bearer " + apiKey));
    texts.put("401 near-miss bearer", post(events, batch, "Authorization", "Bearer " + nearKey));
    texts.put("401 token as key", post(events, batch, "Authorization", "Bearer " + token));
    texts.put("401 basic", post(events, batch, "Authorization", "Basic " + b64("u:" + nearKey)));
    texts.put(
        "400 key in a malformed body",
        post(
            events, "{\"batchId\":\"" + apiKey + "\",\"x\":", "Authorization", "Bearer " + apiKey));
    texts.put(
        "400 secrets as unquoted values",
        post(events, "{\"batchId\":" + appSecret + "}", "Authorization", "Bearer " + apiKey));
    texts.put(
        "400 token in an invalid batch",
        post(
            events,
            "{\"batchId\":\"" + token + "\",\"app\":{\"platform\":\"" + wrongSecret + "\"}}",
            "Authorization",
            "Bearer " + apiKey));
    String hook = base + "/api/v1/webhooks/nexconn";
    String envelope = "{\"type\":\"user:connection_status\",\"id\":\"e1\",\"data\":[]}";
    texts.put("401 webhook near miss", post(hook, envelope, "X-Nexconn-Webhook-Secret", nearHook));
    texts.put(
        "401 webhook near miss in query",
        post(hook + "?secret=" + url(nearHook), envelope, "X-Nexconn-Webhook-Secret", ""));
    texts.put(
        "400 webhook secrets in body",
        post(
            hook,
            "{\"type\":\"" + hookSecret + "\",\"token\":\"" + token + "\"}",
            "X-Nexconn-Webhook-Secret",
            hookSecret));
    texts.put("GET token in query", get(base + "/api/v1/alerts?token=" + url(token) + "&x=1"));
    texts.put("GET key in path", get(base + "/api/v1/" + apiKey));
    int port = URI.create(base).getPort();
    texts.put(
        "raw bad escape beside the key",
        raw(port, "GET /api/v1/alerts?k=" + apiKey + "%zz HTTP/1.1\r\nHost: x\r\n\r\n"));
    texts.put(
        "raw no Host, bearer key",
        raw(port, "GET /api/v1/summary HTTP/1.1\r\nAuthorization: Bearer " + apiKey + "\r\n\r\n"));
    texts.put(
        "raw bad chunk with the webhook secret",
        raw(
            port,
            "POST /api/v1/webhooks/nexconn HTTP/1.1\r\nHost: x\r\nX-Nexconn-Webhook-Secret: "
                + hookSecret
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n"
                + token
                + "\r\n"));
    return texts;
  }

  private static String raw(int port, String request) throws Exception {
    try (RawHttp c = RawHttp.connect(port)) {
      c.send(request);
      return c.response(Duration.ofSeconds(5));
    }
  }

  /** A GET, answered as {@code status headers\nbody}. */
  public String get(String url) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.headers().map() + "\n" + r.body();
  }

  /** A JSON POST with one header (none when {@code value} is empty). */
  public String post(String url, String body, String header, String value) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!value.isEmpty()) {
      b.header(header, value);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.headers().map() + "\n" + r.body();
  }

  private static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
