// Alerts on what a connected socket does not prove: the upstream's certificate running out
// (docs/metrics.md, "Certificate expiry"). Knobs live in _config.upstreamAlerts.
local alert = import '../lib/alert.libsonnet';
local promql = import '../lib/promql.libsonnet';

{
  _config+:: {
    upstreamAlerts: {
      // The earliest notAfter of the chain the upstream presents, against these horizons.
      certificateWarning: { name: 'NexconnUpstreamCertificateExpiringSoon', days: 14, severity: 'warning', 'for': '10m' },
      certificateCritical: { name: 'NexconnUpstreamCertificateExpiryImminent', days: 3, severity: 'critical', 'for': '5m' },
    },
  },

  local config = $._config,
  local a = config.upstreamAlerts,
  local by = promql.by(config),

  local certificate(c) = {
    alert: c.name,
    expr: 'min %s (%s) - time() < %d * 86400\n'
          % [by, promql.sel(config, 'nexconn_upstream_chain_earliest_expiry_timestamp_seconds'), c.days],
    'for': c['for'],
    labels: alert.labels(c.severity),
    annotations: alert.annotations(
      config,
      c.name,
      'The Nexconn upstream certificate chain expires within %d days' % c.days,
      'A certificate the wss:// upstream presents to the probes %s expires in {{ $value | humanizeDuration }}.' % alert.where(config),
    ),
  },

  // Rendered into prometheus/nexconn-upstream-alerts.rules.yml: these alerts have no twin among
  // the sidecar's own rules, which nexconn-alerts.rules.yml mirrors one for one.
  upstreamAlerts+:: {
    groups+: [
      {
        name: 'nexconn-exporter.upstream',
        rules: [certificate(a.certificateWarning), certificate(a.certificateCritical)],
      },
    ],
  },
}
