// Alerts on what a connected socket does not prove: the upstream's certificate running out
// (docs/metrics.md, "Certificate expiry") and messages not arriving or arriving slowly between
// probe pairs (docs/metrics.md, "Message round trips"). Knobs live in _config.upstreamAlerts.
local alert = import '../lib/alert.libsonnet';
local promql = import '../lib/promql.libsonnet';

{
  _config+:: {
    upstreamAlerts: {
      // The earliest notAfter of the chain the upstream presents, against these horizons.
      certificateWarning: { name: 'NexconnUpstreamCertificateExpiringSoon', days: 14, severity: 'warning', 'for': '10m' },
      certificateCritical: { name: 'NexconnUpstreamCertificateExpiryImminent', days: 3, severity: 'critical', 'for': '5m' },
      // Share of probe messages lost (not delivered within the deadline) over the window.
      messageLoss: { name: 'NexconnMessageDeliveryDegraded', maxLostShare: 0.05, window: '15m', severity: 'warning', 'for': '10m' },
      // Latency SLO: this share of round trips completes within `seconds` (a histogram bucket).
      messageLatency: { name: 'NexconnMessageLatencySLOBreached', objective: 0.99, seconds: 1, window: '30m', severity: 'warning', 'for': '15m' },
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

  local rate(metric, matchers, window) =
    'sum %s (rate(%s[%s]))' % [by, promql.sel(config, metric, matchers), window],

  local loss = a.messageLoss,
  local lossAlert = {
    alert: loss.name,
    expr: '%s\n  /\n(%s + %s)\n  > %s\n' % [
      rate('nexconn_messages_lost_total', '', loss.window),
      rate('nexconn_messages_lost_total', '', loss.window),
      rate('nexconn_message_roundtrip_seconds_count', '', loss.window),
      '%.2f' % loss.maxLostShare,
    ],
    'for': loss['for'],
    labels: alert.labels(loss.severity),
    annotations: alert.annotations(
      config,
      loss.name,
      'Probe messages are being lost',
      'Of the messages the probe pairs %s sent over %s, {{ $value | humanizePercentage }} were not delivered within the deadline (threshold %d%%).'
      % [alert.where(config), loss.window, loss.maxLostShare * 100],
    ),
  },

  local lat = a.messageLatency,
  local latencyAlert = {
    alert: lat.name,
    expr: '%s\n  /\n%s\n  < %s\n' % [
      rate('nexconn_message_roundtrip_seconds_bucket', 'le=~"%d|%d.0"' % [lat.seconds, lat.seconds], lat.window),
      rate('nexconn_message_roundtrip_seconds_count', '', lat.window),
      '%.3f' % lat.objective,
    ],
    'for': lat['for'],
    labels: alert.labels(lat.severity),
    annotations: alert.annotations(
      config,
      lat.name,
      'Probe message round trips are slower than the objective',
      'Only {{ $value | humanizePercentage }} of the probe message round trips %s over %s completed within %ds (objective %s%%).'
      % [alert.where(config), lat.window, lat.seconds, lat.objective * 100],
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
      {
        name: 'nexconn-exporter.messages',
        rules: [lossAlert, latencyAlert],
      },
    ],
  },
}
