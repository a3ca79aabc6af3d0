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

    // Selects the exporter's scrape targets in `up` (NexconnExporterDown), ANDed with
    // nexconnSelector. The shipped ServiceMonitor scrapes as job="nexconn-exporter".
    jobSelector: 'job="nexconn-exporter"',

    // Window of the recording rules the dashboard reads for its heavy queries.
    recordingWindow: '5m',

    // Probe availability SLO, in Sloth's form (slo:sli_error:ratio_rate5m ...). The SLI is
    // connected probe-seconds over all probe-seconds; the error budget is 1 - objective of the
    // period. Each burn alert fires when the error ratio is above factor x budget over both its
    // long and its short window (the SRE workbook's multiwindow, multi-burn-rate alerts).
    slo: {
      objective: 0.999,
      periodDays: 30,
      service: 'nexconn',
      name: 'probe-availability',
      alertName: 'NexconnProbeAvailabilityBudgetBurn',
      burnAlerts: [
        { window: '1h', short: '5m', factor: 14.4, severity: 'critical', 'for': '2m' },
        { window: '6h', short: '30m', factor: 6, severity: 'critical', 'for': '5m' },
        { window: '1d', short: '2h', factor: 3, severity: 'warning', 'for': '15m' },
        { window: '3d', short: '6h', factor: 1, severity: 'warning', 'for': '1h' },
      ],
    },

    // Every alert links its runbook section (%s: the alert name in lower case) and the dashboard.
    runbookURLPattern: 'https://github.com/nexconn/nexconn-exporter/blob/main/docs/runbooks.md#%s',
    grafanaURL: 'https://grafana.example.com',

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
    // The alerts about the exporter itself.
    exporterDown: { name: 'NexconnExporterDown', severity: 'critical', 'for': '2m' },
    watchdog: { name: 'NexconnWatchdog', severity: 'none' },
    fileDescriptors: {
      name: 'NexconnExporterFileDescriptorsNearLimit',
      severity: 'warning',
      // Share of process_files_max_files in use. 19,000 probe sockets per process is the design
      // point, so the limit must be at least about 21,000 (19,000 / 0.9) to stay below it.
      ratio: 0.9,
      'for': '5m',
    },
    notificationsFailing: {
      name: 'NexconnAlertNotificationsFailing',
      severity: 'warning',
      window: '10m',
      // Share of notifications that failed, were rejected or dropped.
      ratio: 0.1,
      // Below this many notifications per second (all outcomes) the share is not judged:
      // one failed re-send of one alert is not an incident.
      minRate: 0.01,
      'for': '10m',
    },
    ingestRejecting: {
      name: 'NexconnIngestRejectingReports',
      severity: 'warning',
      window: '10m',
      // Share of batches, or of events, rejected (webhook envelopes of unknown type excluded).
      ratio: 0.2,
      // Minimum batches (and events) per second before the share is judged.
      minRate: 0.1,
      'for': '10m',
    },
    shardMissing: { name: 'NexconnShardMissing', severity: 'warning', 'for': '10m' },
    shardCountMismatch: { name: 'NexconnShardCountMismatch', severity: 'warning', 'for': '10m' },

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
