package dev.nexconn.exporter.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The soak: the demo jar under the pod's JVM flags ({@link PodLimits}) with a scrape of {@code
 * /metrics} every second; every {@code sampleEvery}, a full GC ({@code jcmd GC.run}) then heap used
 * after it ({@code jstat -gc}), RSS, threads ({@code /proc/PID/status}), open file descriptors
 * ({@code /proc/PID/fd}) and the series count of the last scrape. {@link Report#slopesPerHour} fits
 * a least-squares line to each after the warm-up.
 *
 * <pre>{@code
 * SoakHarness.Report r = SoakHarness.run(Duration.ofMinutes(30), Duration.ofSeconds(30));
 * }</pre>
 */
public final class SoakHarness {
  /** One sample. */
  public record Sample(
      double seconds, long heapAfterGcKib, long rssKib, long threads, long fds, long series) {}

  /**
   * All samples, scrapes done and failed, what the jar printed, and when each series (its name and
   * labels) was first scraped, in seconds from the start.
   */
  public record Report(
      List<Sample> samples,
      long scrapes,
      long failedScrapes,
      String output,
      Map<String, Double> firstSeen) {
    /**
     * What the soak prints: one {@code SOAK sample} line per sample, one {@code SOAK slopes} line
     * (least-squares slopes per hour and ranges after the warm-up, and the RSS slope over the
     * second half of those samples) and one {@code SOAK new series} line per series first scraped
     * after the warm-up. The warm-up is the samples before {@code warmupSeconds}; when that leaves
     * fewer than 4 (a short run), the first quarter.
     */
    public List<String> lines(long minutes, int probeUsers, long warmupSeconds) {
      List<String> out = new ArrayList<>();
      for (Sample s : samples) {
        out.add(
            String.format(
                Locale.ROOT,
                "SOAK sample t=%.0fs heapAfterGcKiB=%d rssKiB=%d threads=%d fds=%d series=%d",
                s.seconds(),
                s.heapAfterGcKib(),
                s.rssKib(),
                s.threads(),
                s.fds(),
                s.series()));
      }
      int warmup = (int) samples.stream().filter(x -> x.seconds() < warmupSeconds).count();
      if (warmup > samples.size() - 4) {
        warmup = samples.size() / 4;
      }
      double[] k = slopesPerHour(warmup);
      long[] range = rangesAfter(warmup);
      double rssLastHalf = slopesPerHour(warmup + (samples.size() - warmup) / 2)[1];
      out.add(
          String.format(
              Locale.ROOT,
              "SOAK slopes minutes=%d probeUsers=%d samples=%d warmupSamples=%d scrapes=%d"
                  + " failedScrapes=%d heapKiBPerHour=%.1f rssKiBPerHour=%.1f"
                  + " rssKiBPerHourSecondHalf=%.1f threadsPerHour=%.2f fdsPerHour=%.2f"
                  + " seriesPerHour=%.2f rangeHeapKiB=%d rangeRssKiB=%d rangeThreads=%d"
                  + " rangeFds=%d rangeSeries=%d",
              minutes,
              probeUsers,
              samples.size(),
              warmup,
              scrapes,
              failedScrapes,
              k[0],
              k[1],
              rssLastHalf,
              k[2],
              k[3],
              k[4],
              range[0],
              range[1],
              range[2],
              range[3],
              range[4]));
      double warmupEnd = warmup == 0 ? 0 : samples.get(warmup - 1).seconds();
      seriesFirstSeenAfter(warmupEnd)
          .forEach(
              e ->
                  out.add(
                      String.format(
                          Locale.ROOT, "SOAK new series t=%.0fs %s", e.getValue(), e.getKey())));
      return out;
    }

    /** The series first scraped at or after {@code seconds}, oldest first. */
    public List<Map.Entry<String, Double>> seriesFirstSeenAfter(double seconds) {
      return firstSeen.entrySet().stream()
          .filter(e -> e.getValue() >= seconds)
          .sorted(Map.Entry.comparingByValue())
          .toList();
    }

    /** Slopes per hour of heap (KiB), RSS (KiB), threads, fds and series, from {@code from}. */
    public double[] slopesPerHour(int from) {
      List<Sample> s = samples.subList(Math.min(from, samples.size()), samples.size());
      return new double[] {
        slope(s, Sample::heapAfterGcKib),
        slope(s, Sample::rssKib),
        slope(s, Sample::threads),
        slope(s, Sample::fds),
        slope(s, Sample::series)
      };
    }

    /** Max - min of heap, RSS, threads, fds and series, from {@code from}. */
    public long[] rangesAfter(int from) {
      List<Sample> s = samples.subList(Math.min(from, samples.size()), samples.size());
      return new long[] {
        range(s, Sample::heapAfterGcKib),
        range(s, Sample::rssKib),
        range(s, Sample::threads),
        range(s, Sample::fds),
        range(s, Sample::series)
      };
    }

    private static long range(List<Sample> s, java.util.function.ToLongFunction<Sample> y) {
      return s.isEmpty()
          ? 0
          : s.stream().mapToLong(y).max().orElseThrow()
              - s.stream().mapToLong(y).min().orElseThrow();
    }

    private static double slope(List<Sample> s, java.util.function.ToLongFunction<Sample> y) {
      int n = s.size();
      if (n < 2) {
        return Double.NaN;
      }
      double mx = s.stream().mapToDouble(Sample::seconds).average().orElseThrow();
      double my = s.stream().mapToLong(y).average().orElseThrow();
      double num = 0;
      double den = 0;
      for (Sample x : s) {
        num += (x.seconds() - mx) * (y.applyAsLong(x) - my);
        den += (x.seconds() - mx) * (x.seconds() - mx);
      }
      return num / den * 3600;
    }
  }

  private SoakHarness() {}

  /**
   * Runs the demo jar (its default 3 probe users) for {@code duration}, sampling every {@code
   * sampleEvery}.
   */
  public static Report run(Duration duration, Duration sampleEvery) throws Exception {
    return run(duration, sampleEvery, 3);
  }

  /**
   * Runs the demo jar with {@code probeUsers} probes ({@code --probe-users}) for {@code duration},
   * sampling every {@code sampleEvery}.
   */
  public static Report run(Duration duration, Duration sampleEvery, int probeUsers)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (ExporterJarProcess jar =
        ExporterJarProcess.startWithJvmOptions(
            PodLimits.shipped().jvmOptions(),
            "--http-port",
            "0",
            "--probe-users",
            Integer.toString(probeUsers))) {
      long pid = jar.pid();
      AtomicLong scrapes = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      AtomicLong series = new AtomicLong();
      Map<String, Double> firstSeen = new ConcurrentHashMap<>();
      long start = System.nanoTime();
      Thread scraper =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    HttpResponse<String> r =
                        http.send(
                            HttpRequest.newBuilder(URI.create(jar.baseUrl() + "/metrics"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    scrapes.incrementAndGet();
                    if (r.statusCode() != 200) {
                      failed.incrementAndGet();
                    }
                    double at = (System.nanoTime() - start) / 1e9;
                    List<String> keys =
                        r.body()
                            .lines()
                            .filter(l -> !l.startsWith("#") && !l.isBlank())
                            .map(SoakHarness::seriesKey)
                            .toList();
                    keys.forEach(k -> firstSeen.putIfAbsent(k, at));
                    series.set(keys.size());
                    Thread.sleep(1000);
                  } catch (InterruptedException e) {
                    return;
                  } catch (IOException e) {
                    failed.incrementAndGet();
                  }
                }
              },
              "soak-scraper");
      scraper.setDaemon(true);
      scraper.start();
      List<Sample> samples = new ArrayList<>();
      long end = start + duration.toNanos();
      while (true) {
        long next = start + (samples.size() + 1) * sampleEvery.toNanos();
        if (next > end) {
          break;
        }
        TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
        long heap = heapAfterGcKib(pid);
        samples.add(
            new Sample(
                (System.nanoTime() - start) / 1e9,
                heap,
                PodLimits.statusKib(pid, "VmRSS:"),
                statusValue(pid, "Threads:"),
                fds(pid),
                series.get()));
      }
      scraper.interrupt();
      scraper.join(10_000);
      return new Report(samples, scrapes.get(), failed.get(), jar.output(), Map.copyOf(firstSeen));
    }
  }

  /** A sample line of the text format without its value (and timestamp): name and labels. */
  static String seriesKey(String line) {
    int brace = line.lastIndexOf('}');
    int space = line.indexOf(' ', brace < 0 ? 0 : brace);
    return space < 0 ? line : line.substring(0, space);
  }

  /** Full GC, then the heap in use ({@code jstat -gc}: survivor, eden and old used, KiB). */
  static long heapAfterGcKib(long pid) throws Exception {
    run(jdkTool("jcmd"), Long.toString(pid), "GC.run");
    String[] lines = run(jdkTool("jstat"), "-gc", Long.toString(pid)).trim().split("\n");
    String[] head = lines[0].trim().split("\\s+");
    String[] row = lines[lines.length - 1].trim().split("\\s+");
    double used = 0;
    for (int i = 0; i < head.length; i++) {
      if (List.of("S0U", "S1U", "EU", "OU").contains(head[i])) {
        used += Double.parseDouble(row[i]);
      }
    }
    return (long) used;
  }

  private static long statusValue(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim());
      }
    }
    throw new IllegalStateException("/proc/" + pid + "/status has no " + field);
  }

  private static long fds(long pid) throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return s.count();
    }
  }

  private static String jdkTool(String name) {
    Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    Path tool = java.resolveSibling(name);
    return Files.isExecutable(tool) ? tool.toString() : name;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }
}
