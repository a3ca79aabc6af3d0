package dev.nexconn.exporter.metrics;

import com.sun.management.UnixOperatingSystemMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The process's open and maximum file descriptors, under Micrometer's names ({@code
 * process_files_open_files}, {@code process_files_max_files}), at a cost that does not grow with
 * the descriptors held.
 *
 * <p>Micrometer's {@code FileDescriptorMetrics} asks the JDK, which lists {@code /proc/self/fd}:
 * with 19,000 probe sockets that costs about 16 ms of kernel CPU per scrape, four times the rest of
 * the render. Since Linux 6.2 the size of that directory is the number of open descriptors, read in
 * one {@code stat}; this binder uses it when the kernel reports it. On older kernels and other
 * systems it falls back to the JDK's count, refreshed at most every {@link #FALLBACK_REFRESH}
 * seconds, so a scrape pays the listing at most once per refresh.
 */
final class OpenFileMetrics implements MeterBinder {
  /** Seconds a fallback count is reused for. */
  static final long FALLBACK_REFRESH = 10;

  private static final Path PROC_FD = Path.of("/proc/self/fd");

  private final LongSupplier statCount;
  private final LongSupplier listedCount;
  private final LongSupplier nanoTime;
  private final LongSupplier max;
  private long cached = -1;
  private long cachedAt;

  OpenFileMetrics() {
    this(
        OpenFileMetrics::statCount,
        unix(UnixOperatingSystemMXBean::getOpenFileDescriptorCount),
        unix(UnixOperatingSystemMXBean::getMaxFileDescriptorCount),
        System::nanoTime);
  }

  /**
   * @param statCount the one-{@code stat} count, 0 or less when the system has none
   * @param listedCount the JDK's count by listing, negative when unknown
   * @param max the descriptor limit, negative when unknown
   */
  OpenFileMetrics(
      LongSupplier statCount, LongSupplier listedCount, LongSupplier max, LongSupplier nanoTime) {
    this.statCount = statCount;
    this.listedCount = listedCount;
    this.max = max;
    this.nanoTime = nanoTime;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(MetricNames.PROCESS_FILES_OPEN, this, OpenFileMetrics::open)
        .description("The open file descriptor count")
        .baseUnit("files")
        .strongReference(true)
        .register(registry);
    Gauge.builder(MetricNames.PROCESS_FILES_MAX, this, m -> orNaN(m.max.getAsLong()))
        .description("The maximum file descriptor count")
        .baseUnit("files")
        .strongReference(true)
        .register(registry);
  }

  /** The open descriptors now, or NaN when the system does not say. */
  synchronized double open() {
    long n = statCount.getAsLong();
    if (n > 0) {
      return n;
    }
    long now = nanoTime.getAsLong();
    if (cached < 0 || now - cachedAt >= TimeUnit.SECONDS.toNanos(FALLBACK_REFRESH)) {
      cached = listedCount.getAsLong();
      cachedAt = now;
    }
    return orNaN(cached);
  }

  private static double orNaN(long n) {
    return n < 0 ? Double.NaN : n;
  }

  private static long statCount() {
    try {
      return Files.size(PROC_FD);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return 0;
    }
  }

  private static LongSupplier unix(java.util.function.ToLongFunction<UnixOperatingSystemMXBean> f) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix) {
      return () -> f.applyAsLong(unix);
    }
    return () -> -1;
  }
}
