// Alerts on what a connected socket does not prove: the upstream's certificate running out, and
// probe messages that are lost, duplicated, out of order or slow (docs/metrics.md, "Certificate
// expiry" and "Message round trips"). Knobs live in _config.upstreamAlerts.
local promql = import '../lib/promql.libsonnet';

{
  _config+:: {
    upstreamAlerts: {
      // The earliest notAfter of the chain the upstream presents, against these horizons.
      certificateWarning: { name: 'NexconnUpstreamCertificateExpiringSoon', days: 14, severity: 'warning', 'for': '10m' },
      certificateCritical: { name: 'NexconnUpstreamCertificateExpiryImminent', days: 3, severity: 'critical', 'for': '5m' },
      // Share of probe messages that went wrong (lost, duplicated, out of order) over the window.
      delivery: { name: 'NexconnMessageDeliveryDegraded', windowMinutes: 10, maxBadRatio: '0.05', minSent: 10, severity: 'warning', 'for': '5m' },
      // Latency SLO: this share of round trips completes within thresholdSeconds (a bucket bound).
      latency: { name: 'NexconnMessageRoundTripSloBreach', objective: '0.99', thresholdSeconds: '1.0', windowMinutes: 30, minRoundTrips: 20, severity: 'warning', 'for': '10m' },
    },
  },

  local config = $._config,
  local a = config.upstreamAlerts,
  local by = promql.by(config),
  local byPath = promql.by(config, ['path']),
  local where = 'in namespace {{ $labels.%s }}{{ with $labels.%s }} of cluster {{ . }}{{ end }}'
                % [config.namespaceLabel, config.clusterLabel],
  local runbook(name) = config.runbookURLPattern % std.asciiLower(name),
  local events(outcome, w) =
    'sum %s (increase(%s[%s]))' % [byPath, promql.sel(config, 'nexconn_message_probe_events_total', 'outcome=~"%s"' % outcome), w],

  local certificate(c) = {
    alert: c.name,
    expr: 'min %s (%s) - time() < %d * 86400\n'
          % [by, promql.sel(config, 'nexconn_upstream_chain_earliest_expiry_timestamp_seconds'), c.days],
    'for': c['for'],
    labels: { severity: c.severity, detector: 'prometheus' },
    annotations: {
      summary: 'The Nexconn upstream certificate chain expires within %d days' % c.days,
      description: 'A certificate the wss:// upstream presents to the probes %s expires in {{ $value | humanizeDuration }}.' % where,
      runbook_url: runbook(c.name),
    },
  },

  local delivery =
    local w = promql.duration(a.delivery.windowMinutes);
    {
      alert: a.delivery.name,
      expr: '%s\n  / %s\n> %s\nand\n%s >= %d\n' % [
        events('lost|duplicated|out_of_order', w),
        events('sent', w),
        a.delivery.maxBadRatio,
        events('sent', w),
        a.delivery.minSent,
      ],
      'for': a.delivery['for'],
      labels: { severity: a.delivery.severity, detector: 'prometheus' },
      annotations: {
        summary: 'Nexconn probe messages are being lost, duplicated or reordered',
        description: '{{ $value | humanizePercentage }} of the probe messages on path {{ $labels.path }} %s were lost, duplicated or out of order in the last %s.' % [where, w],
        runbook_url: runbook(a.delivery.name),
      },
    },

  local latency =
    local w = promql.duration(a.latency.windowMinutes);
    local bucket(le) = 'sum %s (increase(%s[%s]))' % [byPath, promql.sel(config, 'nexconn_message_roundtrip_seconds_bucket', 'le="%s"' % le), w];
    {
      alert: a.latency.name,
      expr: '%s\n  / %s\n< %s\nand\n%s >= %d\n' % [
        bucket(a.latency.thresholdSeconds),
        bucket('+Inf'),
        a.latency.objective,
        bucket('+Inf'),
        a.latency.minRoundTrips,
      ],
      'for': a.latency['for'],
      labels: { severity: a.latency.severity, detector: 'prometheus' },
      annotations: {
        summary: 'Nexconn probe message round trips are slower than their objective',
        description: 'Only {{ $value | humanizePercentage }} of the probe message round trips on path {{ $labels.path }} %s took at most %ss in the last %s (objective %s).'
                     % [where, a.latency.thresholdSeconds, w, a.latency.objective],
        runbook_url: runbook(a.latency.name),
      },
    },

  // Rendered into prometheus/nexconn-upstream-alerts.rules.yml: these alerts have no twin among
  // the sidecar's own rules, which nexconn-alerts.rules.yml mirrors one for one.
  upstreamAlerts+:: {
    groups+: [
      {
        name: 'nexconn-exporter.upstream',
        rules: [certificate(a.certificateWarning), certificate(a.certificateCritical), delivery, latency],
      },
    ],
  },
}
