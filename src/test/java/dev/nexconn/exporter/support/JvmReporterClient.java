package dev.nexconn.exporter.support;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JVM reporter of {@code clients/jvm}, compiled by this JDK's {@code javac --release 8} (so a
 * Java 9+ API in it fails the build of the test) and loaded in its own class loader; its public
 * methods are called through reflection, exactly as an app would call them.
 */
public final class JvmReporterClient implements AutoCloseable {
  private final Object reporter;

  private JvmReporterClient(Object reporter) {
    this.reporter = reporter;
  }

  /** Compiles {@code clients/jvm/src/main/java} into {@code out}; fails with javac's output. */
  public static ClassLoader compile(Path out) throws Exception {
    Path src = Path.of("clients", "jvm", "src", "main", "java");
    List<String> args =
        new ArrayList<>(List.of("--release", "8", "-Xlint:all", "-Werror", "-d", out.toString()));
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    ToolProcess.Run run = ToolProcess.at(javac).run(120, args.toArray(String[]::new));
    if (run.exitCode() != 0) {
      throw new AssertionError("javac --release 8 clients/jvm failed:\n" + run.stderr());
    }
    return new URLClassLoader(new URL[] {out.toUri().toURL()}, null);
  }

  /**
   * A reporter for {@code endpoint} with small batches and fast retries: {@code maxBatchEvents}
   * {@code maxQueue}, flush after 100 ms, backoff from 50 ms to 500 ms.
   */
  public static JvmReporterClient create(
      ClassLoader loader, String endpoint, String key, int maxBatch, int maxQueue)
      throws Exception {
    Class<?> reporter = loader.loadClass("dev.nexconn.reporter.NexconnReporter");
    Object settings =
        reporter
            .getMethod("builder", String.class, String.class, String.class, String.class)
            .invoke(null, endpoint, key, "android", "jvm-it-1");
    Class<?> s = settings.getClass();
    s.getMethod("sdkVersion", String.class).invoke(settings, "5.10.0");
    s.getMethod("maxBatchEvents", int.class).invoke(settings, maxBatch);
    s.getMethod("maxQueueEvents", int.class).invoke(settings, maxQueue);
    s.getMethod("flushIntervalMillis", long.class).invoke(settings, 100L);
    s.getMethod("retry", long.class, long.class).invoke(settings, 50L, 500L);
    s.getMethod("timeoutMillis", int.class).invoke(settings, 2000);
    return new JvmReporterClient(s.getMethod("build").invoke(settings));
  }

  /** The options check of {@code build()}: its message, or null when the options are good. */
  public static String buildError(ClassLoader loader, String endpoint, String key, String platform)
      throws Exception {
    Class<?> reporter = loader.loadClass("dev.nexconn.reporter.NexconnReporter");
    Object settings =
        reporter
            .getMethod("builder", String.class, String.class, String.class, String.class)
            .invoke(null, endpoint, key, platform, "jvm-it-1");
    try {
      settings.getClass().getMethod("build").invoke(settings);
      return null;
    } catch (java.lang.reflect.InvocationTargetException e) {
      return e.getCause().getMessage();
    }
  }

  public void statusChanged(int platformStatus, int errorCode) throws Exception {
    call("statusChanged", new Class<?>[] {int.class, int.class}, platformStatus, errorCode);
  }

  public void databaseOpened(boolean isRecreated, int errorCode) throws Exception {
    call("databaseOpened", new Class<?>[] {boolean.class, int.class}, isRecreated, errorCode);
  }

  public void tokenRefreshed(boolean success) throws Exception {
    call("tokenRefreshed", new Class<?>[] {boolean.class}, success);
  }

  public void flush() throws Exception {
    call("flush", new Class<?>[0]);
  }

  /** The reporter's counters (recorded, dropped, sentEvents, ..., queued). */
  @SuppressWarnings("unchecked")
  public Map<String, Long> stats() throws Exception {
    return (Map<String, Long>) call("stats", new Class<?>[0]);
  }

  @Override
  public void close() throws Exception {
    call("close", new Class<?>[0]);
  }

  private Object call(String name, Class<?>[] types, Object... args) throws Exception {
    Method m = reporter.getClass().getMethod(name, types);
    return m.invoke(reporter, args);
  }
}
