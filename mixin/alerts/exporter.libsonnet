// Alerts about the exporter itself: is it scraped, is the alerting path alive (a heartbeat for a
// dead-man's switch), is it near its file-descriptor limit, are its own notifications and the
// reports it receives getting through, and is every shard of the sharded StatefulSet there.
// These exist only as Prometheus rules: a dead or blind sidecar cannot report on itself.
local alert = import '../lib/alert.libsonnet';
local promql = import '../lib/promql.libsonnet';

{
  local config = $._config,
  local by = promql.by(config),
  local byWith(extra) = promql.by(config, extra),
  local sel(metric, matchers='') = promql.sel(config, metric, matchers),
  local where = alert.where(config),
  local c = config.clusterLabel,
  local n = config.namespaceLabel,

  local exporterDown =
    local a = config.exporterDown;
    local up = sel('up', config.jobSelector);
    {
      alert: a.name,
      // One alert per target that fails its scrape; one (without target labels) when no target
      // is left at all, e.g. the workload was scaled to zero or service discovery lost it.
      expr: '%s == 0\nor\nabsent(%s)\n' % [up, up],
      'for': a['for'],
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        'nexconn-exporter is down or not scraped',
        '{{ if $labels.instance }}Prometheus cannot scrape nexconn-exporter target {{ $labels.instance }}'
        + '{{ with $labels.pod }} (pod {{ . }}){{ end }} %s' % where
        + '{{ else }}Prometheus has no nexconn-exporter target at all (%s){{ end }}' % up
        + ' for %s: nothing about Nexconn can alert from there until it is back.' % a['for'],
      ),
    },

  local watchdog =
    local a = config.watchdog;
    {
      alert: a.name,
      expr: 'vector(1)\n',
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        'Heartbeat of the Nexconn alerting path (always firing)',
        'Always firing, by design. Route it to a dead-man switch, which pages when this alert STOPS'
        + ' arriving: then Prometheus, its rules or the path to Alertmanager are broken.',
      ),
    },

  // Scoped to the exporter's targets by its build info, not by job name: process_files_* is a
  // generic metric every Micrometer or client_java process exports.
  local fileDescriptors =
    local a = config.fileDescriptors;
    {
      alert: a.name,
      expr: '%s\n  / %s\n> %g\nand on (%s, job, instance)\n%s\n' % [
        sel('process_files_open_files'),
        sel('process_files_max_files'),
        a.ratio,
        c,
        sel('nexconn_build_info'),
      ],
      'for': a['for'],
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        'nexconn-exporter is close to its file descriptor limit',
        '{{ $value | humanizePercentage }} of the file descriptor limit is in use by nexconn-exporter'
        + ' {{ with $labels.pod }}pod {{ . }}{{ else }}target {{ $labels.instance }}{{ end }} %s.' % where
        + ' Each probe holds one socket: 19,000 probes per process need a limit of at least about 21,000.',
      ),
    },

  local share(metric, bad, all, window, byLabels) =
    'sum %s (rate(%s[%s]))\n  / sum %s (rate(%s[%s]))' % [
      byLabels,
      sel(metric, bad),
      window,
      byLabels,
      sel(metric, all),
      window,
    ],
  local volume(metric, all, window, byLabels, min) =
    'sum %s (rate(%s[%s])) >= %g' % [byLabels, sel(metric, all), window, min],

  local notificationsFailing =
    local a = config.notificationsFailing;
    local b = byWith(['receiver']);
    local m = 'nexconn_alert_notifications_total';
    {
      alert: a.name,
      expr: '%s\n> %g\nand\n%s\n' % [
        share(m, 'outcome=~"failure|rejected|dropped"', '', a.window, b),
        a.ratio,
        volume(m, '', a.window, b, a.minRate),
      ],
      'for': a['for'],
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        "The sidecar's alert notifications are failing",
        '{{ $value | humanizePercentage }} of the alert notifications to receiver {{ $labels.receiver }} %s' % where
        + ' failed, were rejected or were dropped over the last %s: the fast per-pod alerts are late or lost.'
          % a.window,
      ),
    },

  // Batches: 401 and 429 are refused before the body is read and show here only. Events: what
  // valid batches carried; a webhook envelope of another type than user:connection_status
  // (reason unknown_type) is expected and not counted on either side.
  local ingestRejecting =
    local a = config.ingestRejecting;
    local b = byWith(['endpoint']);
    local batches = 'nexconn_ingest_batches_total';
    local events = 'nexconn_ingest_events_total';
    local known = 'reason!="unknown_type"';
    {
      alert: a.name,
      expr: '(\n%s\n> %g\nand\n%s\n)\nor\n(\n%s\n> %g\nand\n%s\n)\n' % [
        share(batches, 'outcome="rejected"', '', a.window, b),
        a.ratio,
        volume(batches, '', a.window, b, a.minRate),
        share(events, 'outcome="rejected",' + known, known, a.window, b),
        a.ratio,
        volume(events, known, a.window, b, a.minRate),
      ],
      'for': a['for'],
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        'nexconn-exporter is rejecting a large share of the reports it receives',
        '{{ $value | humanizePercentage }} of the batches or events posted to the {{ $labels.endpoint }} endpoint %s' % where
        + ' were rejected over the last %s: the fleet-wide alerts and dashboards undercount.' % a.window,
      ),
    },

  local shardMissing =
    local a = config.shardMissing;
    {
      alert: a.name,
      // Distinct ordinals, so that two pods claiming one ordinal do not hide a missing one.
      expr: 'count %s (count_values %s ("ordinal", %s))\n  < max %s (%s)\n' % [
        by,
        by,
        sel('nexconn_shard_ordinal'),
        by,
        sel('nexconn_shard_count'),
      ],
      'for': a['for'],
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        'A shard of the nexconn-exporter StatefulSet is missing',
        'Only {{ $value }} distinct shard ordinals report %s, fewer than nexconn_shard_count:' % where
        + ' the probe users of the missing shards are not monitored.',
      ),
    },

  local shardCountMismatch =
    local a = config.shardCountMismatch;
    local count = sel('nexconn_shard_count');
    {
      alert: a.name,
      expr: 'max %s (%s)\n  != min %s (%s)\nor\ncount %s (%s)\n  > max %s (%s)\n' % [
        by,
        count,
        by,
        count,
        by,
        sel('nexconn_shard_ordinal'),
        by,
        count,
      ],
      'for': a['for'],
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        'nexconn-exporter replicas disagree on the shard count',
        'The nexconn-exporter replicas %s disagree on nexconn_shard_count (NEXCONN_SHARD_COUNT), or more' % where
        + ' replicas report than it says: probe users may be probed twice or not at all.',
      ),
    },

  prometheusAlerts+:: {
    groups+: [
      {
        name: 'nexconn-exporter.self',
        rules: [
          exporterDown,
          watchdog,
          fileDescriptors,
          notificationsFailing,
          ingestRejecting,
          shardMissing,
          shardCountMismatch,
        ],
      },
    ],
  },
}
