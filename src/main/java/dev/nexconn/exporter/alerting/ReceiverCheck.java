package dev.nexconn.exporter.alerting;

import dev.nexconn.exporter.config.AlertReceiverConfig;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, asks every Alertmanager receiver {@code GET <url>/-/ready} once and logs the answer:
 *
 * <pre>
 * event=alertmanager_ready receiver=am url=http://alertmanager:9093 status=200
 * event=alertmanager_unreachable receiver=am url=http://alertmanager:9093 reason="Connection refused"
 * </pre>
 *
 * An on-call person learns at deploy time, not at the first page, that the sidecar cannot reach its
 * Alertmanager. It also makes the first alert fast: the web client's first request (resolver,
 * connection, codec classes) and the first payload encoding happen here instead of on the event
 * loop at the moment an alert fires; without it the first alert of a pod reached Alertmanager about
 * 115 ms after the crossing batch, with it about 16 ms ({@code TimeToAlertBench}). Webhook
 * receivers are not asked: their URL need not answer {@code GET}.
 */
final class ReceiverCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverCheck.class);

  private ReceiverCheck() {}

  /** Sends the checks; never fails, logs one line per Alertmanager receiver. */
  static void run(
      WebClient client,
      List<AlertReceiverConfig> receivers,
      AlertPayloads payloads,
      Duration timeout) {
    // The first payload encoding loads its classes now, not when the first alert fires.
    payloads.alertmanager(List.of(), Instant.now()).toBuffer();
    for (AlertReceiverConfig r : receivers) {
      if (r.kind() != AlertReceiverConfig.Kind.ALERTMANAGER) {
        continue;
      }
      URI ready = ready(r.url());
      String shown = shown(r.url());
      try {
        client
            .getAbs(ready.toString())
            .timeout(timeout.toMillis())
            .send()
            .onComplete(
                ar -> {
                  if (ar.succeeded()) {
                    LOG.atInfo()
                        .addKeyValue("event", "alertmanager_ready")
                        .addKeyValue("receiver", r.name())
                        .addKeyValue("url", shown)
                        .addKeyValue("status", ar.result().statusCode())
                        .log();
                  } else {
                    unreachable(r, shown, ar.cause().getMessage());
                  }
                });
      } catch (RuntimeException e) {
        unreachable(r, shown, e.getMessage());
      }
    }
  }

  private static void unreachable(AlertReceiverConfig r, String shown, String reason) {
    LOG.atWarn()
        .addKeyValue("event", "alertmanager_unreachable")
        .addKeyValue("receiver", r.name())
        .addKeyValue("url", shown)
        .addKeyValue("reason", reason)
        .addKeyValue(
            "fix",
            "check alerting.alertmanagers[].url and that the sidecar may reach it; alerts are"
                + " queued and retried meanwhile")
        .log();
  }

  /** {@code <url>/-/ready}, keeping a path prefix ({@code http://host/alertmanager/-/ready}). */
  static URI ready(URI url) {
    String base = url.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/-/ready");
  }

  /** The URL without user info or query, for logs. */
  static String shown(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
