package dev.nexconn.exporter.support;

import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.engine.ConnectParams;
import dev.nexconn.exporter.engine.ConnectRateLimiter;
import dev.nexconn.exporter.engine.ConnectionEngine;
import dev.nexconn.exporter.engine.EngineOptions;
import dev.nexconn.exporter.engine.ProbeSettings;
import dev.nexconn.exporter.engine.ProbeSnapshot;
import dev.nexconn.exporter.engine.ReconnectPolicy;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.event.StatusChanged;
import dev.nexconn.exporter.token.ServerApiTokenProvider;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The reconnect stampede: {@code n} probes connected to an emulator in a child JVM, the emulator
 * drops every socket at once (fault admin API), and the emulator's own count of connect attempts
 * per 100 ms window shows how hard the fleet comes back; the bench JVM times the drop until the
 * last probe is connected again. One run per {@link Variant}.
 */
public final class ReconnectStampede {
  /** Which of the project's two defences are on. */
  public enum Variant {
    /** The SDK's schedule as the SDK runs it: no jitter, no connect-rate cap. */
    SDK_SCHEDULE(false, false),
    /** Full jitter on every step, no cap. */
    FULL_JITTER(true, false),
    /** Full jitter and the shared connect-rate cap (the engine's defaults). */
    JITTER_AND_CAP(true, true);

    private final boolean jitter;
    private final boolean capped;

    Variant(boolean jitter, boolean capped) {
      this.jitter = jitter;
      this.capped = capped;
    }
  }

  /**
   * What one run measured, at the emulator from the drop until the last probe was back.
   *
   * @param attempts WebSocket connect attempts the emulator saw
   * @param peakPer100ms the busiest 100 ms window
   * @param p99Per100ms the 99th percentile of the per-window counts (empty windows included)
   * @param busyWindows windows with at least one attempt
   * @param clientPeakPer100ms the busiest 100 ms window of attempts as the probes started them
   *     (transitions to {@code connecting}), before any queueing in the emulator
   * @param clientP99Per100ms the 99th percentile of those
   * @param recoverAll from the drop until every probe was connected again
   */
  public record Result(
      Variant variant,
      int probes,
      int dropped,
      long attempts,
      int peakPer100ms,
      int p99Per100ms,
      int busyWindows,
      int clientPeakPer100ms,
      int clientP99Per100ms,
      Duration recoverAll) {
    /** One line for the benchmark log. */
    public String line() {
      return String.format(
          "BENCH stampede variant=%s probes=%d dropped=%d attempts=%d peak_per_100ms=%d"
              + " p99_per_100ms=%d busy_windows=%d client_peak_per_100ms=%d"
              + " client_p99_per_100ms=%d recover_all_ms=%d",
          variant,
          probes,
          dropped,
          attempts,
          peakPer100ms,
          p99Per100ms,
          busyWindows,
          clientPeakPer100ms,
          clientP99Per100ms,
          recoverAll.toMillis());
    }
  }

  private static final Duration SETTLE = Duration.ofMillis(500);

  private ReconnectStampede() {}

  /**
   * Connects {@code n} probes (users {@code prefix-0..n-1}) with the variant's policy and cap,
   * drops them all, and measures the way back. {@code cap} is the connect-rate cap of {@link
   * Variant#JITTER_AND_CAP}; the other variants run without one.
   */
  public static Result run(
      EmulatorChildProcess emulator, Variant variant, int n, ConnectRateLimiter cap, String prefix)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EventBus bus = new EventBus();
      AtomicBoolean dropped = new AtomicBoolean();
      AtomicInteger reconnected = new AtomicInteger();
      AtomicLong lastBackNanos = new AtomicLong();
      AtomicLong lastBackWall = new AtomicLong();
      Queue<Long> started = new ConcurrentLinkedQueue<>();
      bus.subscribe(
          e -> {
            if (dropped.get()
                && e instanceof StatusChanged s
                && s.to() == ConnectionStatus.CONNECTING) {
              // The engine's own time of the start, not when the bus delivered the event.
              started.add(s.at().toEpochMilli());
            } else if (dropped.get()
                && e instanceof StatusChanged s
                && s.to() == ConnectionStatus.CONNECTED) {
              lastBackNanos.accumulateAndGet(System.nanoTime(), Math::max);
              lastBackWall.accumulateAndGet(System.currentTimeMillis(), Math::max);
              reconnected.incrementAndGet();
            }
          });
      ConnectionEngine engine =
          new ConnectionEngine(
              vertx,
              NettyWebSocketTransport.create(
                  vertx, emulator.connectUri(), null, null, Duration.ofSeconds(5)),
              bus,
              Clock.systemUTC(),
              new SplittableRandom(1));
      engine.initialize(
          EngineOptions.defaults()
              .withConnectRate(variant.capped ? cap : ConnectRateLimiter.unlimited()));
      ProbeSettings settings =
          ProbeSettings.defaults(
                  prefix,
                  new ServerApiTokenProvider(
                      WebClient.create(vertx),
                      emulator.apiBase(),
                      EmulatorChildProcess.APP_KEY,
                      EmulatorChildProcess.APP_SECRET,
                      Clock.systemUTC(),
                      new SplittableRandom(2)))
              .withPolicy(ReconnectPolicy.sdkDefault(variant.jitter));
      List<String> users = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        users.add(prefix + "-" + i);
      }
      engine.addGroup(settings, users, ConnectParams.of(null));
      engine.start();
      Duration bound = Duration.ofSeconds(60 + n / 50);
      awaitAllConnected(engine, bound);
      // The initial connects must not share a counting window with the stampede.
      Thread.sleep(SETTLE.toMillis());

      long dropWall = System.currentTimeMillis();
      long dropNanos = System.nanoTime();
      dropped.set(true);
      int cut =
          emulator
              .admin("faults/drop", new JsonObject().put("percent", 100))
              .getInteger("affected");
      try {
        await()
            .atMost(bound)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> reconnected.get() >= cut);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            reconnected.get()
                + " of "
                + cut
                + " dropped probes reconnected within "
                + bound
                + "; statuses: "
                + engine.snapshot().stream()
                    .collect(Collectors.groupingBy(ProbeSnapshot::status, Collectors.counting())),
            e);
      }
      awaitAllConnected(engine, bound);
      Duration recoverAll = Duration.ofNanos(lastBackNanos.get() - dropNanos);
      int[] perWindow =
          windows(emulator.adminGet("connect-attempts"), dropWall, lastBackWall.get());
      int[] clientWindows = new int[perWindow.length];
      for (long at : started) {
        int index = (int) (at / 100 - dropWall / 100);
        if (index >= 0 && index < clientWindows.length) {
          clientWindows[index]++;
        }
      }
      engine.stop(Duration.ofSeconds(10)).await(15, TimeUnit.SECONDS);
      return new Result(
          variant,
          n,
          cut,
          Arrays.stream(perWindow).asLongStream().sum(),
          Arrays.stream(perWindow).max().orElse(0),
          percentile(perWindow, 0.99),
          (int) Arrays.stream(perWindow).filter(c -> c > 0).count(),
          Arrays.stream(clientWindows).max().orElse(0),
          percentile(clientWindows, 0.99),
          recoverAll);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitAllConnected(ConnectionEngine engine, Duration bound) {
    try {
      await()
          .atMost(bound)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  engine.snapshot().stream()
                      .allMatch(s -> s.status() == ConnectionStatus.CONNECTED));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "not every probe connected; statuses: "
              + engine.snapshot().stream()
                  .collect(Collectors.groupingBy(ProbeSnapshot::status, Collectors.counting())),
          e);
    }
  }

  /** Attempts per 100 ms window from the drop's window to the last reconnect's, zeros included. */
  static int[] windows(JsonObject json, long fromWall, long toWall) {
    long width = json.getLong("windowMillis");
    long first = fromWall / width;
    int[] counts = new int[(int) (toWall / width - first + 1)];
    JsonArray windows = json.getJsonArray("windows");
    for (int i = 0; i < windows.size(); i++) {
      JsonObject w = windows.getJsonObject(i);
      long index = w.getLong("start") / width - first;
      if (index >= 0 && index < counts.length) {
        counts[(int) index] = w.getInteger("count");
      }
    }
    return counts;
  }

  /** Nearest-rank percentile. */
  static int percentile(int[] values, double q) {
    if (values.length == 0) {
      return 0;
    }
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
