package dev.nexconn.exporter.config;

/**
 * Checks at start (and in {@code check-config}) that the configured bounds fit the heap: the
 * idempotency window at its byte bound plus one full request body per allowed connection must fit
 * in half the heap, leaving the rest for metrics, the status board and the JVM. A config that
 * cannot fit is an error naming the keys, not an OOM kill an hour later under load.
 *
 * <pre>{@code
 * MemoryBudget.check(config, Runtime.getRuntime().maxMemory());
 * }</pre>
 */
public final class MemoryBudget {
  /** The share of the heap the bounded buffers may take. */
  static final double SHARE = 0.5;

  private MemoryBudget() {}

  /**
   * @throws ConfigException naming {@code http.maxConnections}, {@code ingest.maxBodyBytes} and
   *     {@code ingest.idempotency.maxBytes} when their worst case exceeds the budget
   */
  public static void check(ExporterConfig config, long maxHeapBytes) {
    long bodies = (long) config.http().limits().maxConnections() * config.ingest().maxBodyBytes();
    long window = config.ingest().idempotencyMaxBytes();
    long budget = (long) (maxHeapBytes * SHARE);
    if (bodies + window > budget) {
      throw new ConfigException(
          "http.maxConnections, ingest.maxBodyBytes, ingest.idempotency.maxBytes",
          "worst case "
              + mib(bodies)
              + " MiB of request bodies ("
              + config.http().limits().maxConnections()
              + " connections x "
              + config.ingest().maxBodyBytes()
              + " bytes) plus "
              + mib(window)
              + " MiB of idempotency window exceeds half the heap ("
              + mib(budget)
              + " MiB of "
              + mib(maxHeapBytes)
              + " MiB): lower them or raise the memory limit (-Xmx / MaxRAMPercentage)");
    }
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }
}
