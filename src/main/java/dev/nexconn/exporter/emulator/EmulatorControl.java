package dev.nexconn.exporter.emulator;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a test, the fault admin API or a scenario can do to a running emulator: faults (drop,
 * refuse, half-open, latency, abnormal close, restart, proxy failure) and user actions applied to a
 * share of users (ban, kick, expire tokens, soft-delete). Methods may be called from any thread.
 *
 * <pre>{@code
 * EmulatorControl control = emulator.control();
 * control.refuseConnections(Duration.ofSeconds(30), EmulatorCodes.SERVER_UNAVAILABLE);
 * control.ban(5, Duration.ofMinutes(10));   // 5 % of online users
 * }</pre>
 */
public final class EmulatorControl {
  private final TokenStore tokens;
  private final UserAccounts accounts;
  private final ConnectionEndpoint endpoint;
  private final FaultState faults;
  private final ConnectAttemptCounter attempts;
  private final PresenceWebhookSender webhooks;
  private final Function<Duration, Future<Void>> restarter;
  private final Clock clock;
  private final RandomGenerator random;

  EmulatorControl(
      TokenStore tokens,
      UserAccounts accounts,
      ConnectionEndpoint endpoint,
      FaultState faults,
      ConnectAttemptCounter attempts,
      PresenceWebhookSender webhooks,
      Function<Duration, Future<Void>> restarter,
      Clock clock,
      RandomGenerator random) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.endpoint = endpoint;
    this.faults = faults;
    this.attempts = attempts;
    this.webhooks = webhooks;
    this.restarter = restarter;
    this.clock = clock;
    this.random = random;
  }

  /** Closes about {@code percent}% of sessions with WebSocket close code {@code closeCode}. */
  public int dropConnections(double percent, int closeCode) {
    return endpoint.drop(percent, (short) closeCode, "dropped by fault injection");
  }

  /** Refuses new connects with a connack carrying {@code code} (e.g. 30011) for a while. */
  public void refuseConnections(Duration duration, int code) {
    faults.refuse(duration, code);
  }

  /** Stops answering pings for a while: sockets stay open but are dead. */
  public void halfOpen(Duration duration) {
    faults.halfOpen(duration);
  }

  /** Delays every frame the server sends by {@code latency} for {@code duration}. */
  public void addLatency(Duration latency, Duration duration) {
    faults.latency(latency, duration);
  }

  /** Rejects WebSocket upgrades with an HTTP status (502 by default), as a broken proxy does. */
  public void proxyFailure(Duration duration, int httpStatus) {
    faults.proxyFailure(duration, httpStatus);
  }

  /** Drops about {@code percent}% of relayed messages for {@code duration}. */
  public void dropMessages(double percent, Duration duration) {
    endpoint.messages().drop(percent, duration);
  }

  /** Delivers about {@code percent}% of relayed messages twice for {@code duration}. */
  public void duplicateMessages(double percent, Duration duration) {
    endpoint.messages().duplicate(percent, duration);
  }

  /** Holds every relayed message back by {@code delay} for {@code duration}. */
  public void delayMessages(Duration delay, Duration duration) {
    endpoint.messages().delay(delay, duration);
  }

  /** Lifts every timed fault. */
  public void clearFaults() {
    endpoint.messages().clear();
    faults.clear();
  }

  /** Drops every session and stops listening for {@code down}, then listens on the same port. */
  public Future<Void> restart(Duration down) {
    return restarter.apply(down);
  }

  /** A second device logs in for about {@code percent}% of online users: 31010 to the old one. */
  public int kick(double percent) {
    return endpoint.cutPercent(
        percent, EmulatorCodes.KICKED, "kicked: the user connected on another device");
  }

  /** Bans about {@code percent}% of online users for {@code duration}; returns how many. */
  public int ban(double percent, Duration duration) {
    long until = clock.millis() + duration.toMillis();
    List<String> chosen = pick(endpoint.onlineUsers(), percent);
    for (String u : chosen) {
      accounts.ban(u, until);
      endpoint.cutUser(u, EmulatorCodes.BANNED_WHILE_CONNECTED, "banned");
    }
    return chosen.size();
  }

  /** Lifts every ban. */
  public int unbanAll() {
    List<UserAccounts.Ban> bans = accounts.bans(clock.millis());
    bans.forEach(b -> accounts.unban(b.userId()));
    return bans.size();
  }

  /** Expires the tokens of about {@code percent}% of users, as {@code access-token/expire} does. */
  public int expireTokens(double percent) {
    List<String> chosen = pick(tokens.users(), percent);
    long now = clock.millis();
    chosen.forEach(u -> accounts.expireTokens(u, now));
    return chosen.size();
  }

  /** Soft-deletes about {@code percent}% of online users (31029 to their devices). */
  public int softDelete(double percent) {
    List<String> chosen = pick(endpoint.onlineUsers(), percent);
    for (String u : chosen) {
      accounts.softDelete(u);
      endpoint.cutUser(u, EmulatorCodes.USER_ABANDONED, "user deactivated");
    }
    return chosen.size();
  }

  /** Restores every soft-deleted user that was deleted through this control or the API. */
  public int restoreAll() {
    return accounts.restoreAll();
  }

  /** The console's token lifetime for tokens issued from now on; zero means never expire. */
  public void tokenLifetime(Duration lifetime) {
    tokens.lifetimeMillis(lifetime.toMillis());
  }

  /** Sends presence webhooks to {@code urls} from now on, with the shared {@code secret}. */
  public void presenceWebhooks(List<String> urls, String secret) {
    webhooks.urls(urls, secret);
  }

  /** Live sessions right now. */
  public int sessionCount() {
    return endpoint.sessionCount();
  }

  /** Sessions, faults, bans and webhook counters, as the admin API shows them. */
  public JsonObject stats() {
    return new JsonObject()
        .put("sessions", endpoint.sessionCount())
        .put("tokens", tokens.size())
        .put("tokenLifetimeMillis", tokens.lifetimeMillis())
        .put("bans", accounts.bans(clock.millis()).size())
        .put("faults", faults.toJson())
        .put("connectAttempts", attempts.total())
        .put("messages", endpoint.messages().toJson())
        .put(
            "webhooks",
            new JsonObject()
                .put("delivered", webhooks.deliveredCount())
                .put("retries", webhooks.retryCount())
                .put("dropped", webhooks.droppedCount()));
  }

  /**
   * WebSocket upgrade attempts on the connect path per 100 ms window over the last two minutes, for
   * measuring reconnect stampedes.
   */
  public JsonObject connectAttempts() {
    return attempts.toJson();
  }

  private List<String> pick(List<String> users, double percent) {
    if (percent >= 100) {
      return users;
    }
    return users.stream().filter(u -> random.nextDouble() * 100 < percent).toList();
  }
}
