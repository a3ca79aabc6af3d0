package dev.nexconn.exporter.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of the whole sidecar per idle probe, measured from outside: a {@link ProbeFleet} (the jar
 * with every sink subscribed, the emulator in another process) with {@code n} probes, idle for a
 * while, then {@code jcmd GC.run}, the heap in use ({@code GC.heap_info}), the JVM's own account of
 * its memory ({@code VM.native_memory summary}, committed per category) and the process's resident
 * set ({@code /proc/PID/status}).
 */
public final class AppMemory {
  private static final Pattern HEAP_USED =
      Pattern.compile(
          "^\\s*(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen)"
              + "\\s+total \\d+K, used (\\d+)K");
  private static final Pattern NMT =
      Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern NMT_TOTAL =
      Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");

  /**
   * One fleet's memory.
   *
   * @param heapUsed heap in use after a full GC, bytes
   * @param rss resident set size, bytes
   * @param nmt committed bytes per Native Memory Tracking category ("Java Heap", "Thread", "Other"
   *     for Netty's direct buffers, ...), plus "Total"
   * @param classes bytes of live instances per class ({@code GC.class_histogram}), e.g. {@code [B}
   *     for byte arrays
   */
  public record Sample(
      int probes, long heapUsed, long rss, Map<String, Long> nmt, Map<String, Long> classes) {}

  private static final Pattern HISTO_ROW =
      Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

  private AppMemory() {}

  /** The JVM options of a measured sidecar. */
  public static List<String> jvmOptions(List<String> extra) {
    List<String> out = new java.util.ArrayList<>(List.of("-XX:NativeMemoryTracking=summary"));
    out.addAll(extra);
    return out;
  }

  /** Starts a fleet of {@code n}, lets it idle for {@code settle}, measures, stops it. */
  public static Sample measure(Path dir, Path jar, int n, Duration settle, List<String> jvm)
      throws Exception {
    try (ProbeFleet fleet = ProbeFleet.start(dir, jar, n, jvmOptions(jvm))) {
      Thread.sleep(settle.toMillis());
      long pid = fleet.sidecar().pid();
      jcmd(pid, "GC.run");
      Thread.sleep(500);
      jcmd(pid, "GC.run");
      String info = jcmd(pid, "GC.heap_info");
      long usedKb = 0;
      boolean found = false;
      for (String line : info.lines().toList()) {
        Matcher heap = HEAP_USED.matcher(line);
        // G1: "garbage-first heap total ..., used ..."; Serial and Parallel: one line per
        // generation. Metaspace lines are not heap.
        if (heap.find() && !line.contains("Metaspace") && !line.contains("class space")) {
          usedKb += Long.parseLong(heap.group(2));
          found = true;
        }
      }
      if (!found) {
        throw new IllegalStateException("no heap line in GC.heap_info:\n" + info);
      }
      Map<String, Long> nmt = new LinkedHashMap<>();
      for (String line : jcmd(pid, "VM.native_memory", "summary").lines().toList()) {
        Matcher t = NMT_TOTAL.matcher(line.trim());
        if (t.find()) {
          nmt.put("Total", Long.parseLong(t.group(1)) * 1024);
        }
        Matcher m = NMT.matcher(line.trim());
        if (m.find()) {
          nmt.put(m.group(1).trim(), Long.parseLong(m.group(2)) * 1024);
        }
      }
      long rss = ProcessCpu.rssBytes(pid);
      Map<String, Long> classes = new LinkedHashMap<>();
      for (String line : jcmd(pid, "GC.class_histogram").lines().toList()) {
        Matcher m = HISTO_ROW.matcher(line);
        if (m.find()) {
          classes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
        }
      }
      return new Sample(n, usedKb * 1024, rss, nmt, classes);
    }
  }

  /**
   * The {@code top} classes by live bytes per probe of {@code s} against {@code zero}, e.g. {@code
   * BENCH app-memory-classes probes=5000 [B=812 java.lang.String=230 ...}.
   */
  public static String classesLine(Sample zero, Sample s, int top) {
    StringBuilder b =
        new StringBuilder(
            String.format(Locale.ROOT, "BENCH app-memory-classes probes=%d", s.probes()));
    s.classes().entrySet().stream()
        .map(
            e ->
                Map.entry(
                    e.getKey(),
                    perProbe(
                        zero.classes().getOrDefault(e.getKey(), 0L), e.getValue(), 0, s.probes())))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> b.append(String.format(Locale.ROOT, " %s=%.0f", e.getKey(), e.getValue())));
    return b.toString();
  }

  static String jcmd(long pid, String... command) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("jcmd " + String.join(" ", command) + " did not finish");
    }
    return out;
  }

  /** Bytes per probe between two samples: {@code (b - a) / (b.probes - a.probes)}. */
  public static double perProbe(long a, long b, int probesA, int probesB) {
    return (double) (b - a) / (probesB - probesA);
  }

  /** The per-probe line of {@code s} against the empty sidecar {@code zero}. */
  public static String line(Sample zero, Sample s) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "BENCH app-memory probes=%d heap_used=%d rss=%d heap_per_probe=%.0f rss_per_probe=%.0f",
                s.probes(),
                s.heapUsed(),
                s.rss(),
                perProbe(zero.heapUsed(), s.heapUsed(), 0, s.probes()),
                perProbe(zero.rss(), s.rss(), 0, s.probes())));
    for (Map.Entry<String, Long> e : s.nmt().entrySet()) {
      long before = zero.nmt().getOrDefault(e.getKey(), 0L);
      b.append(
          String.format(
              Locale.ROOT,
              " nmt[%s]=%.0f",
              e.getKey().replace(' ', '_'),
              perProbe(before, e.getValue(), 0, s.probes())));
    }
    return b.toString();
  }
}
