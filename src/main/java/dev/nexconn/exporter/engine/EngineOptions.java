package dev.nexconn.exporter.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine-wide settings, passed to {@link ConnectionEngine#initialize(EngineOptions)}.
 *
 * @param connectRate the connect-rate cap shared by every probe
 * @param tick resolution of the deadline wheels (one periodic timer per shard)
 * @param connAckTimeout how long a connect frame may go unanswered before the attempt counts as
 *     failed and is retried
 * @param shards how many event-loop contexts the probes are spread over
 * @param appKey the App Key the databases belong to; a file of another App Key is recreated
 */
public record EngineOptions(
    ConnectRateLimiter connectRate,
    Duration tick,
    Duration connAckTimeout,
    int shards,
    String appKey) {

  public EngineOptions {
    Objects.requireNonNull(connectRate, "connectRate");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(connAckTimeout, "connAckTimeout");
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1");
    }
    appKey = Objects.requireNonNullElse(appKey, "");
  }

  /**
   * Defaults: 200 connects/s with a burst of 50, a 20 ms tick, a 10 s connack timeout, one shard
   * per core, no App Key.
   */
  public static EngineOptions defaults() {
    return new EngineOptions(
        new ConnectRateLimiter(200, 50),
        Duration.ofMillis(20),
        Duration.ofSeconds(10),
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        "");
  }

  /** The same options with another App Key. */
  public EngineOptions withAppKey(String key) {
    return new EngineOptions(connectRate, tick, connAckTimeout, shards, key);
  }

  /** The same options with another connect-rate cap. */
  public EngineOptions withConnectRate(ConnectRateLimiter cap) {
    return new EngineOptions(cap, tick, connAckTimeout, shards, appKey);
  }

  /** The same options with another connack timeout. */
  public EngineOptions withConnAckTimeout(Duration timeout) {
    return new EngineOptions(connectRate, tick, timeout, shards, appKey);
  }

  /** The same options with another tick and shard count. */
  public EngineOptions withTick(Duration t, int shardCount) {
    return new EngineOptions(connectRate, t, connAckTimeout, shardCount, appKey);
  }
}
