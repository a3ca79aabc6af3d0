package dev.nexconn.exporter.support;

import dev.nexconn.exporter.alerting.Alert;
import dev.nexconn.exporter.alerting.AlertSender;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * An {@link AlertSender} that answers with a scripted HTTP status (or a connection failure when the
 * status is negative) and records every attempt.
 */
public final class ScriptedAlertSender implements AlertSender {
  /** One attempt: what was sent, when, and what the fake answered. */
  public record Attempt(List<Alert> alerts, Instant at, int status) {}

  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private volatile IntSupplier status = () -> 200;

  /** From now on answer with {@code code}; a negative code means "connection refused". */
  public void answer(int code) {
    this.status = () -> code;
  }

  @Override
  public Future<Integer> send(List<Alert> alerts, Instant now) {
    int code = status.getAsInt();
    attempts.add(new Attempt(List.copyOf(alerts), now, code));
    return code < 0
        ? Future.failedFuture(new java.net.ConnectException("Connection refused"))
        : Future.succeededFuture(code);
  }

  public List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Attempts that the fake accepted with a 2xx. */
  public List<Attempt> delivered() {
    return attempts.stream().filter(a -> a.status() >= 200 && a.status() < 300).toList();
  }
}
