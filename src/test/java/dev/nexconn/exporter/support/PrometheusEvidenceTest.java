package dev.nexconn.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PrometheusEvidence#seriesNames} finds series written with and without label matchers. */
class PrometheusEvidenceTest {
  @Test
  void seriesNamesFindsBareAndMatchedSeriesButNoFunctionsLabelsOrKeywords() {
    assertThat(
            PrometheusEvidence.seriesNames(
                "up{job=\"nexconn-exporter\"} == 0 or absent(up{job=\"x\"})\n"
                    + "process_files_open_files / process_files_max_files > 0.9\n"
                    + "and on (cluster, job, instance) nexconn_build_info\n"
                    + "count by (cluster, namespace) (count_values by (cluster) (\"ordinal\","
                    + " nexconn_shard_ordinal)) < max without (pod) (nexconn_shard_count)\n"
                    + "sum(rate(nexconn_probe_seconds_total[5m] offset 1h)) / ignoring (w)"
                    + " group_left slo:sli_error:ratio_rate5m{sloth_id=\"a\"} > (14.4 * (1 - 0.999))"
                    + " unless vector(1)"))
        .containsExactly(
            "nexconn_build_info",
            "nexconn_probe_seconds_total",
            "nexconn_shard_count",
            "nexconn_shard_ordinal",
            "process_files_max_files",
            "process_files_open_files",
            "slo:sli_error:ratio_rate5m",
            "up");
  }
}
