package dev.nexconn.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFileMetricsTest {
  @Test
  void countsDescriptorsTheProcessOpensAndCloses(@TempDir Path dir) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new OpenFileMetrics().bindTo(registry);
    double before = registry.get("process.files.open").gauge().value();
    Path f = Files.createFile(dir.resolve("f"));
    List<FileChannel> opened = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        opened.add(FileChannel.open(f, StandardOpenOption.READ));
      }
      // On Linux 6.2+ this is the one-stat count, exact; elsewhere the JDK's listing, which this
      // first read of the process also takes (the cache starts empty in a new binder).
      OpenFileMetrics fresh = new OpenFileMetrics();
      assertThat(fresh.open()).isBetween(before + 50 - 5, before + 50 + 5);
    } finally {
      for (FileChannel c : opened) {
        c.close();
      }
    }
    assertThat(registry.get("process.files.max").gauge().value()).isPositive();
  }

  @Test
  void aKernelWithoutTheCountFallsBackToTheListingAtMostOncePerRefresh() {
    AtomicLong now = new AtomicLong();
    AtomicLong listings = new AtomicLong();
    AtomicLong fds = new AtomicLong(100);
    OpenFileMetrics m =
        new OpenFileMetrics(
            () -> 0,
            () -> {
              listings.incrementAndGet();
              return fds.get();
            },
            () -> 20_000,
            now::get);
    assertThat(m.open()).isEqualTo(100);
    fds.set(19_000);
    now.addAndGet(TimeUnit.SECONDS.toNanos(OpenFileMetrics.FALLBACK_REFRESH) - 1);
    assertThat(m.open()).isEqualTo(100);
    assertThat(listings).hasValue(1);
    now.addAndGet(1);
    assertThat(m.open()).isEqualTo(19_000);
    assertThat(listings).hasValue(2);
  }

  @Test
  void theOneStatCountIsUsedWheneverTheKernelHasIt() {
    AtomicLong listings = new AtomicLong();
    OpenFileMetrics m =
        new OpenFileMetrics(
            () -> 42,
            () -> {
              listings.incrementAndGet();
              return 7;
            },
            () -> -1,
            System::nanoTime);
    assertThat(m.open()).isEqualTo(42);
    assertThat(listings).hasValue(0);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    m.bindTo(registry);
    assertThat(registry.get("process.files.max").gauge().value()).isNaN();
  }
}
