package dev.nexconn.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.search.MeterNotFoundException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExporterInfoMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void buildInfoCarriesVersionAndRevision() {
    new ExporterInfoMetrics("1.2.3", "abc1234", OptionalInt.empty(), OptionalInt.empty())
        .bindTo(registry);

    assertThat(
            registry
                .get("nexconn.build.info")
                .tag("version", "1.2.3")
                .tag("revision", "abc1234")
                .gauge()
                .value())
        .isEqualTo(1);
  }

  @Test
  void shardSeriesAreExportedOnlyWhenSharded() {
    new ExporterInfoMetrics("1", "r", OptionalInt.of(2), OptionalInt.of(3)).bindTo(registry);
    assertThat(registry.get("nexconn.shard.ordinal").gauge().value()).isEqualTo(2);
    assertThat(registry.get("nexconn.shard.count").gauge().value()).isEqualTo(3);

    SimpleMeterRegistry unsharded = new SimpleMeterRegistry();
    new ExporterInfoMetrics("1", "r", OptionalInt.empty(), OptionalInt.empty()).bindTo(unsharded);
    assertThatThrownBy(() -> unsharded.get("nexconn.shard.ordinal").gauge())
        .isInstanceOf(MeterNotFoundException.class);
  }

  @Test
  void fileDescriptorsOpenAndMaximumAreExported() {
    new ExporterInfoMetrics("1", "r", OptionalInt.empty(), OptionalInt.empty()).bindTo(registry);

    double open = registry.get("process.files.open").gauge().value();
    double max = registry.get("process.files.max").gauge().value();
    assertThat(open).isPositive();
    assertThat(max).isGreaterThanOrEqualTo(open);
  }
}
