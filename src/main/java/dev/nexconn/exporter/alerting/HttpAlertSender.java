package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.config.AlertReceiverConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Posts alert batches over HTTP with Vert.x's web client: Alertmanager receivers get {@code POST
 * <url>/api/v2/alerts}, webhooks get {@code POST <url>}.
 */
final class HttpAlertSender implements AlertSender {
  private final WebClient client;
  private final AlertReceiverConfig receiver;
  private final AlertPayloads payloads;
  private final URI target;
  private final String virtualHost;
  private final long timeoutMillis;

  HttpAlertSender(
      WebClient client, AlertReceiverConfig receiver, AlertPayloads payloads, Duration timeout) {
    this(client, receiver, payloads, timeout, null);
  }

  /**
   * @param address the one address to send to (the host name still goes in {@code Host} and SNI);
   *     null to let the name resolve per request
   */
  HttpAlertSender(
      WebClient client,
      AlertReceiverConfig receiver,
      AlertPayloads payloads,
      Duration timeout,
      InetAddress address) {
    this.client = client;
    this.receiver = receiver;
    this.payloads = payloads;
    this.target = address == null ? target(receiver) : at(target(receiver), address);
    this.virtualHost = address == null ? null : receiver.url().getHost();
    this.timeoutMillis = timeout.toMillis();
  }

  private static URI at(URI uri, InetAddress address) {
    String host = address.getHostAddress();
    try {
      return new URI(
          uri.getScheme(),
          uri.getUserInfo(),
          host.contains(":") ? "[" + host + "]" : host,
          uri.getPort(),
          uri.getPath(),
          uri.getQuery(),
          null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot address " + host, e);
    }
  }

  static URI target(AlertReceiverConfig receiver) {
    if (receiver.kind() == AlertReceiverConfig.Kind.WEBHOOK) {
      return receiver.url();
    }
    String base = receiver.url().toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/api/v2/alerts");
  }

  @Override
  public Future<Integer> send(List<Alert> alerts, Instant now) {
    Buffer body =
        receiver.kind() == AlertReceiverConfig.Kind.ALERTMANAGER
            ? payloads.alertmanager(alerts, now).toBuffer()
            : payloads.webhook(receiver.name(), alerts, now).toBuffer();
    try {
      var request = client.postAbs(target.toString()).timeout(timeoutMillis);
      if (virtualHost != null) {
        request.virtualHost(virtualHost);
      }
      return request
          .putHeader("Content-Type", "application/json")
          .sendBuffer(body)
          .map(response -> response.statusCode());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
