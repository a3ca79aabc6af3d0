package dev.nexconn.exporter.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits the sidecar ships with, read from the repository so tests follow them: the memory
 * limit of the {@code nexconn-exporter} container in {@code k8s/base/deployment.yaml} and the JVM
 * flags of the default (last) image in the {@code Dockerfile}. Without a memory cgroup, {@code
 * -XX:MaxRAMPercentage=P} becomes {@code -Xmx} = P % of the limit; the other flags stay.
 *
 * <pre>{@code
 * ExporterJarProcess.startWithJvmOptions(PodLimits.shipped().jvmOptions(), "run", ...);
 * }</pre>
 *
 * @param memoryLimitMib the container's {@code resources.limits.memory}
 * @param cpuLimit the container's {@code resources.limits.cpu}, whole CPUs (the JVM sizes its GC
 *     and thread pools by it: {@code -XX:ActiveProcessorCount})
 * @param maxRamPercentage the Dockerfile's {@code -XX:MaxRAMPercentage}
 * @param otherFlags the Dockerfile's other {@code -XX} flags, e.g. {@code
 *     -XX:+ExitOnOutOfMemoryError}
 */
public record PodLimits(
    int memoryLimitMib, int cpuLimit, int maxRamPercentage, List<String> otherFlags) {
  private static final Pattern TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"");
  private static final Pattern LIMIT =
      Pattern.compile("limits:\\s*\\n(?:\\s+\\w+:.*\\n)*?\\s+memory:\\s*(\\d+)Mi");
  private static final Pattern CPU =
      Pattern.compile("limits:\\s*\\n(?:\\s+\\w+:.*\\n)*?\\s+cpu:\\s*\"?(\\d+)\"?\\s*\\n");

  /** Reads both files from the working directory (the repository root under Maven). */
  public static PodLimits shipped() throws IOException {
    return parse(
        Files.readString(Path.of("Dockerfile")),
        Files.readString(Path.of("k8s/base/deployment.yaml")));
  }

  static PodLimits parse(String dockerfile, String deployment) {
    Matcher options = TOOL_OPTIONS.matcher(dockerfile);
    String last = null;
    while (options.find()) {
      last = options.group(1);
    }
    if (last == null) {
      throw new IllegalStateException("the Dockerfile sets no JAVA_TOOL_OPTIONS");
    }
    int percentage = -1;
    List<String> other = new ArrayList<>();
    for (String flag : last.trim().split("\\s+")) {
      if (flag.startsWith("-XX:MaxRAMPercentage=")) {
        percentage = (int) Double.parseDouble(flag.substring(flag.indexOf('=') + 1));
      } else if (flag.startsWith("-XX:")) {
        other.add(flag);
      }
    }
    int container = deployment.indexOf("- name: nexconn-exporter");
    if (container < 0 || percentage < 0) {
      throw new IllegalStateException(
          "need the nexconn-exporter container in k8s/base/deployment.yaml and"
              + " -XX:MaxRAMPercentage in the Dockerfile's JAVA_TOOL_OPTIONS");
    }
    Matcher limit = LIMIT.matcher(deployment);
    if (!limit.find(container)) {
      throw new IllegalStateException("the nexconn-exporter container has no memory limit in Mi");
    }
    Matcher cpu = CPU.matcher(deployment);
    if (!cpu.find(container) || cpu.start() != limit.start()) {
      throw new IllegalStateException("the nexconn-exporter container has no whole-CPU limit");
    }
    return new PodLimits(
        Integer.parseInt(limit.group(1)),
        Integer.parseInt(cpu.group(1)),
        percentage,
        List.copyOf(other));
  }

  /** The heap the JVM gets in the pod, in MiB. */
  public int heapMib() {
    return memoryLimitMib * maxRamPercentage / 100;
  }

  /**
   * The JVM as the pod runs it: {@code -XX:MaxRAM=<limit>m} stands in for the container's memory
   * limit, so the Dockerfile's {@code MaxRAMPercentage} gives the same heap ceiling and the default
   * initial heap is 1/64 of the limit, as in the pod (an {@code -Xmx} alone would leave the initial
   * heap at 1/64 of this machine's memory); plus the Dockerfile's other flags and the CPU limit.
   */
  public List<String> jvmOptions() {
    List<String> options = new ArrayList<>(otherFlags);
    options.add("-XX:MaxRAM=" + memoryLimitMib + "m");
    options.add("-XX:MaxRAMPercentage=" + maxRamPercentage);
    options.add("-XX:ActiveProcessorCount=" + cpuLimit);
    return options;
  }

  /** The process's peak resident set ({@code VmHWM} in /proc/PID/status), in KiB. */
  public static long rssHighWaterKib(long pid) throws IOException {
    return statusKib(pid, "VmHWM:");
  }

  /** A {@code kB} line of /proc/PID/status, e.g. {@code VmRSS:}. */
  public static long statusKib(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("/proc/" + pid + "/status has no " + field);
  }

  @Override
  public String toString() {
    return "limit=" + memoryLimitMib + "Mi heap=" + heapMib() + "m flags=" + jvmOptions();
  }
}
