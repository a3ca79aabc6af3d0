package dev.nexconn.exporter.support;

import static org.awaitility.Awaitility.await;

import dev.nexconn.exporter.engine.ConnectParams;
import dev.nexconn.exporter.engine.ConnectRateLimiter;
import dev.nexconn.exporter.engine.ConnectionEngine;
import dev.nexconn.exporter.engine.EngineOptions;
import dev.nexconn.exporter.engine.ProbeSettings;
import dev.nexconn.exporter.engine.ProbeSnapshot;
import dev.nexconn.exporter.event.ConnectionStatus;
import dev.nexconn.exporter.event.EventBus;
import dev.nexconn.exporter.token.ServerApiTokenProvider;
import dev.nexconn.exporter.transport.NettyWebSocketTransport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the heap an idle probe connection costs: the emulator runs in a child JVM (so its
 * server-side sessions do not count), this JVM connects {@code n} probes through the real WebSocket
 * transport, waits until all are connected and idle, and compares the heap in use after full GCs
 * with the heap before the probes existed.
 */
public final class IdleProbeHeap {
  /** What a run measured. */
  public record Result(int probes, long baselineBytes, long loadedBytes, Duration connectAll) {
    public long bytesPerProbe() {
      return (loadedBytes - baselineBytes) / probes;
    }
  }

  private IdleProbeHeap() {}

  /**
   * Runs the measurement with {@code n} probes; {@code jar} is the packaged exporter; {@code
   * settle} is how long the probes stay idle before the heap is measured.
   */
  public static Result measure(Path jar, int n, Duration settle) throws Exception {
    // The emulator (no Server API limit) runs in its own JVM so its sessions do not count.
    EmulatorChildProcess emulator = EmulatorChildProcess.start(jar);
    Vertx vertx = Vertx.vertx();
    try {
      int port = emulator.port();
      ConnectionEngine engine =
          new ConnectionEngine(
              vertx,
              NettyWebSocketTransport.create(
                  vertx,
                  URI.create("ws://127.0.0.1:" + port + "/v1/connect"),
                  null,
                  null,
                  Duration.ofSeconds(5)),
              new EventBus(),
              Clock.systemUTC(),
              new SplittableRandom(1));
      engine.initialize(
          EngineOptions.defaults().withConnectRate(new ConnectRateLimiter(2000, 200)));
      ProbeSettings settings =
          ProbeSettings.defaults(
              "bench",
              new ServerApiTokenProvider(
                  WebClient.create(vertx),
                  URI.create("http://127.0.0.1:" + port),
                  EmulatorChildProcess.APP_KEY,
                  EmulatorChildProcess.APP_SECRET,
                  Clock.systemUTC(),
                  new SplittableRandom(2)));
      List<String> users = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        users.add("bench-" + i);
      }
      boolean histogram = Boolean.getBoolean("bench.histogram");
      java.util.Map<String, long[]> before = histogram ? histogram() : null;
      long baseline = usedHeapAfterGc();
      engine.addGroup(settings, users, ConnectParams.of(null));
      long start = System.nanoTime();
      engine.start();
      try {
        await()
            .atMost(Duration.ofSeconds(60 + n / 100))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    engine.snapshot().stream()
                        .map(ProbeSnapshot::status)
                        .allMatch(s -> s == ConnectionStatus.CONNECTED));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            "not every probe connected; statuses: "
                + engine.snapshot().stream()
                    .collect(
                        java.util.stream.Collectors.groupingBy(
                            ProbeSnapshot::status, java.util.stream.Collectors.counting())),
            e);
      }
      Duration connectAll = Duration.ofNanos(System.nanoTime() - start);
      // Idle means steady state: Netty drops cancelled connect-timeout tasks lazily.
      Thread.sleep(settle.toMillis());
      long loaded = usedHeapAfterGc();
      if (histogram) {
        printGrowth(before, histogram(), n);
      }
      engine.stop(Duration.ofSeconds(10)).await(15, TimeUnit.SECONDS);
      return new Result(n, baseline, loaded, connectAll);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      emulator.close();
    }
  }

  /** Class name to {instances, bytes}, from {@code jcmd GC.class_histogram} of this JVM. */
  private static java.util.Map<String, long[]> histogram() throws Exception {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    java.util.Map<String, long[]> out = new java.util.HashMap<>();
    Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    text.lines()
        .map(row::matcher)
        .filter(Matcher::find)
        .forEach(
            m ->
                out.put(
                    m.group(3),
                    new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))}));
    return out;
  }

  /** Prints the 25 classes that grew most, per probe. */
  private static void printGrowth(
      java.util.Map<String, long[]> before, java.util.Map<String, long[]> after, int n) {
    after.entrySet().stream()
        .map(
            e -> {
              long[] b = before.getOrDefault(e.getKey(), new long[2]);
              return java.util.Map.entry(
                  e.getKey(),
                  new double[] {
                    (e.getValue()[0] - b[0]) / (double) n, (e.getValue()[1] - b[1]) / (double) n
                  });
            })
        .sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1]))
        .limit(25)
        .forEach(
            e ->
                System.out.printf(
                    "GROWTH per probe: %8.1f bytes %6.2f instances  %s%n",
                    e.getValue()[1], e.getValue()[0], e.getKey()));
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
