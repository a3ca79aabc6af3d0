package dev.nexconn.exporter.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The whole sidecar configuration, immutable and validated. Load it with {@link ConfigLoader}.
 *
 * @param http the HTTP server
 * @param upstream where probes connect
 * @param probeGroups probe connection groups (may be empty: ingest only)
 * @param shutdownGrace how long SIGTERM waits for probes to sign out
 * @param ingest SDK report ingest and presence webhook
 * @param alerting spike rules and alert delivery
 * @param labels the metrics' label limits (YAML under {@code ingest})
 * @param summary what {@code /api/v1/summary} shows (YAML {@code ingest.summary})
 */
public record ExporterConfig(
    HttpConfig http,
    UpstreamConfig upstream,
    List<ProbeGroupConfig> probeGroups,
    Duration shutdownGrace,
    IngestConfig ingest,
    AlertingConfig alerting,
    LabelLimitsConfig labels,
    SummaryConfig summary) {

  public ExporterConfig {
    labels = Objects.requireNonNullElse(labels, LabelLimitsConfig.DEFAULT);
    summary = Objects.requireNonNullElse(summary, SummaryConfig.DEFAULT);
    Objects.requireNonNull(http, "http");
    ingest = Objects.requireNonNullElse(ingest, IngestConfig.DEFAULT);
    alerting = Objects.requireNonNullElseGet(alerting, AlertingConfig::defaults);
    probeGroups = List.copyOf(probeGroups);
    if (!probeGroups.isEmpty()) {
      Objects.requireNonNull(upstream, "upstream is required when probes are configured");
    }
  }

  /** A config with the default label limits and summary. */
  public ExporterConfig(
      HttpConfig http,
      UpstreamConfig upstream,
      List<ProbeGroupConfig> probeGroups,
      Duration shutdownGrace,
      IngestConfig ingest,
      AlertingConfig alerting) {
    this(http, upstream, probeGroups, shutdownGrace, ingest, alerting, null, null);
  }

  /** A config with the default ingest and alerting sections. */
  public ExporterConfig(
      HttpConfig http,
      UpstreamConfig upstream,
      List<ProbeGroupConfig> probeGroups,
      Duration shutdownGrace) {
    this(http, upstream, probeGroups, shutdownGrace, null, null);
  }

  /** The same config with another HTTP port. */
  public ExporterConfig withHttpPort(int port) {
    return withHttp(http.withAddress(http.host(), port));
  }

  /** The same config with another HTTP server section. */
  public ExporterConfig withHttp(HttpConfig newHttp) {
    return new ExporterConfig(
        newHttp, upstream, probeGroups, shutdownGrace, ingest, alerting, labels, summary);
  }

  /** The same config with another ingest section. */
  public ExporterConfig withIngest(IngestConfig newIngest) {
    return new ExporterConfig(
        http, upstream, probeGroups, shutdownGrace, newIngest, alerting, labels, summary);
  }

  static ExporterConfig from(ConfigNode root) {
    root.requireOnly("http", "upstream", "probes", "shutdown", "ingest", "alerting");
    HttpConfig http = HttpConfig.from(root.child("http"));
    ConfigNode probes = root.child("probes");
    probes.requireOnly("groups");
    List<ConfigNode> groupNodes = probes.children("groups");
    List<ProbeGroupConfig> groups = groupNodes.stream().map(ProbeGroupConfig::from).toList();
    UpstreamConfig upstream = null;
    if (root.child("upstream").isPresent()) {
      upstream = UpstreamConfig.from(root.child("upstream"));
      if (upstream.webSdk() != null) {
        upstream.webSdk().checkProbeCount(groupNodes, groups);
      }
    } else if (!groups.isEmpty()) {
      throw new ConfigException(
          "upstream.url", "is required when probes.groups is set: the ws:// or wss:// endpoint");
    }
    ConfigNode shutdown = root.child("shutdown");
    shutdown.requireOnly("grace", "graceSeconds");
    Duration grace =
        DurationText.readOrSeconds(
            shutdown,
            "grace",
            "graceSeconds",
            false,
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofSeconds(300));
    return new ExporterConfig(
        http,
        upstream,
        groups,
        grace,
        IngestConfig.from(root.child("ingest")),
        AlertingConfig.from(root.child("alerting")),
        LabelLimitsConfig.from(root.child("ingest")),
        SummaryConfig.from(root.child("ingest")));
  }
}
