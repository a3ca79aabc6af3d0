package dev.nexconn.exporter.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a scenario step does. Server actions act on the emulator (and so on the probes connected to
 * it); most also start the matching incident in the virtual-app simulator, so that SDK reports and
 * webhooks show it at fleet scale. The YAML name is the lower-case, dash-separated constant name.
 */
enum ScenarioAction {
  /** Close {@code percent}% of sessions (WebSocket 1001); virtual apps see a network blip. */
  DROP,
  /** Close {@code percent}% of sessions with an abnormal {@code code} (default 1011). */
  CLOSE,
  /** Refuse new connects for {@code duration} (connack {@code code}, default 30011). */
  REFUSE,
  /** Stop answering pings for {@code duration}. */
  HALF_OPEN,
  /** Delay server frames by {@code millis} for {@code duration}. */
  LATENCY,
  /** Restart the endpoint, down for {@code duration}; virtual apps suspend and reconnect. */
  RESTART,
  /** Reject WebSocket upgrades with HTTP 502 for {@code duration}; virtual apps report it. */
  PROXY_FAILURE,
  /** Lift every fault and ban, restore deleted users, clear the token lifetime. */
  CLEAR,
  /** Ban {@code percent}% of online users for {@code duration} (31011 live, 31009 on connect). */
  BAN,
  /** A second device logs in for {@code percent}% of users (31010). */
  KICK,
  /** Expire the tokens of {@code percent}% of users (31020 at their next connect). */
  EXPIRE_TOKENS,
  /** Set the console token lifetime to {@code duration} for tokens issued from now on. */
  TOKEN_LIFETIME,
  /** Soft-delete {@code percent}% of online users (31029). */
  SOFT_DELETE,
  /**
   * Fleet only: {@code percent}% of apps upgrade to {@code appVersion} and rebuild their database.
   */
  RELEASE,
  /** Fleet only: set the baseline report rate to {@code rate} status changes per second. */
  FLEET_RATE,
  /** Drop {@code percent}% of relayed messages for {@code duration}. */
  MESSAGE_DROP,
  /** Deliver {@code percent}% of relayed messages twice for {@code duration}. */
  MESSAGE_DUPLICATE,
  /** Hold every relayed message back by {@code delay} for {@code duration}. */
  MESSAGE_DELAY;

  /** The name used in YAML, e.g. {@code expire-tokens}. */
  String yamlName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<ScenarioAction> fromYaml(String name) {
    return Arrays.stream(values()).filter(a -> a.yamlName().equals(name)).findFirst();
  }

  static String allNames() {
    return Arrays.stream(values()).map(ScenarioAction::yamlName).collect(Collectors.joining(", "));
  }
}
