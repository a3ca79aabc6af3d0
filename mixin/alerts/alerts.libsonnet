// The fleet-wide twins of the sidecar's own spike rules (same alert names, signals and
// severities; docs/alerting.md explains both paths), aggregated per cluster and namespace.
//
// Every spike rule has the same three parts as in the sidecar:
//   increase over the window >= floor                        (absolute floor)
//   rate over the window > ratio * baseline                  (spike over a slow baseline)
//   the baseline has at least 2 windows of history           (warm-up)
// The baseline averages the window's rate, sampled every minute, over a long range that ends where
// the window starts ("offset"), so a spike never inflates its own baseline, and minutes without
// data (a scrape gap) are skipped instead of counting as zero. The warm-up keeps the first minutes
// of a fresh deploy, whose rate() over a half-filled window reads low, from looking like a spike.
local alert = import '../lib/alert.libsonnet';
local promql = import '../lib/promql.libsonnet';

{
  local config = $._config,
  local by = promql.by(config),
  local t = 'nexconn_connection_status_transitions_total',

  // The series each spike alert counts, and the words its description uses.
  local signals = {
    ban: {
      selectors: [promql.sel(config, t, 'to="disconn_exception"')],
      summary: 'Nexconn users are being banned in a spike',
      what: 'connections ended in disconn_exception (banned)',
    },
    kick: {
      selectors: [promql.sel(config, t, 'to="kicked_offline_by_other_client"')],
      summary: 'Nexconn connections are being kicked offline by other clients in a spike',
      what: 'connections were kicked_offline_by_other_client',
    },
    tokenExpiry: {
      selectors: [
        promql.sel(config, t, 'to="token_incorrect"'),
        promql.sel(config, 'nexconn_token_failures_total', 'reason=~"incorrect|expired"'),
      ],
      summary: 'Nexconn access tokens are failing in a wave',
      what: 'token_incorrect transitions and token failures (incorrect or expired)',
    },
    databaseRecreate: {
      selectors: [promql.sel(config, 'nexconn_database_opened_total', 'recreated="true"')],
      summary: 'Nexconn clients are recreating their local databases in a wave',
      what: 'local databases were recreated (local data cleared)',
    },
    userAbandon: {
      selectors: [promql.sel(config, t, 'to="user_abandon"')],
      summary: 'Nexconn accounts are being deactivated in a spike',
      what: 'connections ended in user_abandon (account deactivated)',
    },
  },

  // sum by (cluster, namespace) (f(selector)) over one selector, or "a + b or a or b" over two:
  // either counter may not exist yet, and this adds what is there.
  local summed(selectors, f) =
    local terms = [
      'sum %s (%s)' % [by, f(s)]
      for s in selectors
    ];
    if std.length(terms) == 1 then terms[0]
    else '(%s + %s or %s or %s)' % [terms[0], terms[1], terms[0], terms[1]],

  local anyOf(selectors) =
    local terms = ['sum %s (%s)' % [by, s] for s in selectors];
    if std.length(terms) == 1 then terms[0] else '(%s)' % std.join(' or ', terms),

  local where = alert.where(config),

  local spikeRule(key) =
    local a = config.spikeAlerts[key];
    local s = signals[key];
    local w = promql.duration(a.windowMinutes);
    local base = promql.duration(a.baselineMinutes);
    local increase = summed(s.selectors, function(sel) 'increase(%s[%s])' % [sel, w]);
    local rate = summed(s.selectors, function(sel) 'rate(%s[%s])' % [sel, w]);
    local before = if a.baselineMinutes == 60 then 'the hour before' else 'the %s before' % base;
    local multi = std.length(s.selectors) > 1;
    {
      alert: a.name,
      expr: (if multi then '%s\n  >= %d\n' else '%s >= %d\n') % [increase, a.floor]
            + 'and\n'
            + (if multi then '%s\n' else '%s\n') % rate
            + '  > %s * avg_over_time(%s[%s:1m] offset %s)\n' % [a.ratio, rate, base, w]
            + 'and\n'
            + 'count_over_time(%s[%s:1m] offset %s) >= %d\n'
              % [anyOf(s.selectors), base, w, 2 * a.windowMinutes],
      'for': a['for'],
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        s.summary,
        '{{ $value | humanize }} %s %s in the last %s, more than %s times the average rate of %s.'
        % [s.what, where, w, a.ratio, before],
      ),
    },

  local probesDown =
    local a = config.probesDown;
    {
      alert: a.name,
      expr: 'sum %s (%s)\n  / sum %s (%s)\n> %s\n' % [
        by,
        promql.sel(config, 'nexconn_connections', 'source="probe",status!="connected"'),
        by,
        promql.sel(config, 'nexconn_connections', 'source="probe"'),
        a.notConnectedRatio,
      ],
      'for': a['for'],
      labels: alert.labels(a.severity),
      annotations: alert.annotations(
        config,
        a.name,
        'Most Nexconn probe connections are not connected',
        '{{ $value | humanizePercentage }} of the probe connections %s have not been connected for %s.'
        % [where, a['for']],
      ),
    },

  prometheusAlerts+:: {
    groups+: [
      {
        name: 'nexconn-exporter.alerts',
        rules: [
          spikeRule(key)
          for key in ['ban', 'kick', 'tokenExpiry', 'databaseRecreate', 'userAbandon']
        ] + [probesDown],
      },
    ],
  },
}
