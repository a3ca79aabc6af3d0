package dev.nexconn.exporter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.OptionalInt;

/**
 * What the exporter says about itself, so that alerts can watch the watcher:
 *
 * <pre>
 * nexconn_build_info{revision="6dc70cd",version="0.1.0"} 1.0
 * nexconn_shard_ordinal 1.0
 * nexconn_shard_count 3.0
 * process_files_open_files 412.0
 * process_files_max_files 20000.0
 * </pre>
 *
 * The shard series exist only when the sidecar runs as a shard of a StatefulSet (its ordinal and
 * the shard count are known), so that {@code count(nexconn_shard_ordinal)} can be compared with
 * {@code max(nexconn_shard_count)} to find a missing shard.
 */
public final class ExporterInfoMetrics implements MeterBinder {
  private final String version;
  private final String revision;
  private final OptionalInt shardOrdinal;
  private final OptionalInt shardCount;

  /**
   * @param version the release, e.g. {@code 0.1.0}
   * @param revision the source revision it was built from, {@code unknown} when not known
   * @param shardOrdinal this replica's ordinal when sharded
   * @param shardCount the number of shards when sharded
   */
  public ExporterInfoMetrics(
      String version, String revision, OptionalInt shardOrdinal, OptionalInt shardCount) {
    this.version = version;
    this.revision = revision;
    this.shardOrdinal = shardOrdinal;
    this.shardCount = shardCount;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(MetricNames.BUILD_INFO, () -> 1)
        .description("Always 1; the labels say which build of nexconn-exporter is running")
        .tag("version", version)
        .tag("revision", revision)
        .register(registry);
    shardOrdinal.ifPresent(
        n ->
            Gauge.builder(MetricNames.SHARD_ORDINAL, () -> n)
                .description("This replica's shard ordinal (StatefulSet pod index)")
                .register(registry));
    shardCount.ifPresent(
        n ->
            Gauge.builder(MetricNames.SHARD_COUNT, () -> n)
                .description("How many shards the probe users are split into")
                .register(registry));
    new OpenFileMetrics().bindTo(registry);
  }
}
