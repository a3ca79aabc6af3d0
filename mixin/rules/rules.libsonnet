// Recording rules, named level:metric:operations, that carry the dashboard's heavy queries: the
// fleet-wide histogram rates behind its latency percentiles, the status transitions without their
// per-pod and "from" labels, and the probe availability the SLO panel reads.
local promql = import '../lib/promql.libsonnet';

{
  local config = $._config,
  local window = config.recordingWindow,
  local level(extra) = std.join('_', [config.clusterLabel, config.namespaceLabel] + extra),

  // level:metric:operations -> expression, for the dashboard to look up by key.
  recordingRules:: {
    transitions: {
      record: level(['source', 'platform', 'to']) + ':nexconn_connection_status_transitions:rate' + window,
      expr: 'sum %s (rate(%s[%s]))' % [
        promql.by(config, ['source', 'platform', 'to']),
        promql.sel(config, 'nexconn_connection_status_transitions_total'),
        window,
      ],
    },
    probeAvailability: {
      record: level([]) + ':nexconn_probe_connections_connected:ratio',
      expr: 'sum %s (%s)\n  / sum %s (%s)' % [
        promql.by(config),
        promql.sel(config, 'nexconn_connections', 'source="probe",status="connected"'),
        promql.by(config),
        promql.sel(config, 'nexconn_connections', 'source="probe"'),
      ],
    },
    // By phase as well: where a connect spends its time (dns, tcp, tls, ws_upgrade, connack).
    connectPhase: {
      record: level(['phase', 'le']) + ':nexconn_connect_phase_duration_seconds_bucket:rate' + window,
      expr: 'sum %s (rate(%s[%s]))' % [
        promql.by(config, ['phase', 'le']),
        promql.sel(config, 'nexconn_connect_phase_duration_seconds_bucket'),
        window,
      ],
    },
    // Probe message round trips by path (probe, server_api).
    messageRoundtrip: {
      record: level(['path', 'le']) + ':nexconn_message_roundtrip_seconds_bucket:rate' + window,
      expr: 'sum %s (rate(%s[%s]))' % [
        promql.by(config, ['path', 'le']),
        promql.sel(config, 'nexconn_message_roundtrip_seconds_bucket'),
        window,
      ],
    },
  } + {
    [histogram]: {
      record: level(['le']) + ':%s_bucket:rate%s' % [histogram, window],
      expr: 'sum %s (rate(%s[%s]))' % [
        promql.by(config, ['le']),
        promql.sel(config, histogram + '_bucket'),
        window,
      ],
    }
    for histogram in [
      'nexconn_connect_duration_seconds',
      'nexconn_reconnect_recovery_seconds',
      'nexconn_heartbeat_rtt_seconds',
    ]
  },

  prometheusRules+:: {
    groups+: [
      {
        name: 'nexconn-exporter.rules',
        rules: [
          $.recordingRules[key]
          for key in [
            'transitions',
            'probeAvailability',
            'nexconn_connect_duration_seconds',
            'nexconn_reconnect_recovery_seconds',
            'nexconn_heartbeat_rtt_seconds',
            'connectPhase',
            'messageRoundtrip',
          ]
        ],
      },
    ],
  },
}
