// The knobs of the nexconn-exporter mixin. Override any of them when importing the mixin:
//
//   (import 'mixin/mixin.libsonnet') + { _config+:: { clusterLabel: 'k8s_cluster' } }
//
// Defaults reproduce the rules the sidecar itself evaluates (src/main/.../AlertRuleDefaults).
{
  _config+:: {
    // Label matchers ANDed into every selector, e.g. 'job="nexconn-exporter"'. Empty: no filter.
    nexconnSelector: '',
    // The label that tells clusters apart (an external label of Thanos, Mimir or Cortex).
    clusterLabel: 'cluster',
    namespaceLabel: 'namespace',
    podLabel: 'pod',

    // Window of the recording rules the dashboard reads for its heavy queries.
    recordingWindow: '5m',

    // Probe availability objective: the share of probe connections that are connected.
    slo: {
      objective: 0.995,
      window: '30d',
    },

    runbookURLPattern: 'https://github.com/nexconn/nexconn-exporter/blob/main/docs/alerting.md#%s',

    // The spike alerts. floor: minimum increase over the window; ratio: how many times the
    // baseline rate the window's rate must exceed; baselineMinutes: how far back the baseline
    // reaches (it ends where the window starts); warm-up: at least 2 windows of baseline.
    spikeAlerts: {
      ban: {
        name: 'NexconnBanSpike',
        severity: 'critical',
        windowMinutes: 5,
        baselineMinutes: 60,
        floor: 10,
        ratio: 3,
        'for': '2m',
      },
      kick: {
        name: 'NexconnKickSpike',
        severity: 'warning',
        windowMinutes: 5,
        baselineMinutes: 60,
        floor: 20,
        ratio: 3,
        'for': '2m',
      },
      tokenExpiry: {
        name: 'NexconnTokenExpiryWave',
        severity: 'critical',
        windowMinutes: 10,
        baselineMinutes: 120,
        floor: 20,
        ratio: 3,
        'for': '5m',
      },
      databaseRecreate: {
        name: 'NexconnDatabaseRecreateWave',
        severity: 'warning',
        windowMinutes: 15,
        baselineMinutes: 180,
        floor: 10,
        ratio: 3,
        'for': '10m',
      },
      userAbandon: {
        name: 'NexconnUserAbandonSpike',
        severity: 'warning',
        windowMinutes: 10,
        baselineMinutes: 120,
        floor: 10,
        ratio: 4,
        'for': '2m',
      },
    },
    probesDown: {
      name: 'NexconnProbesDown',
      severity: 'critical',
      // Fires when more than this share of the probe connections is not connected.
      notConnectedRatio: 0.5,
      'for': '5m',
    },

    // Dashboard settings.
    dashboardUid: 'nexconn-overview',
    dashboardTitle: 'Nexconn connection health',
    dashboardTags: ['nexconn', 'chat', 'prometheus'],
    dashboardRefresh: '30s',
    dashboardTimeFrom: 'now-6h',
  },
}
