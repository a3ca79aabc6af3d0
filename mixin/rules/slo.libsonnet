// The probe availability SLO in Sloth's form, so that Sloth's dashboards and tooling read it:
// recording rules slo:sli_error:ratio_rate<window> per cluster and namespace, the period's error
// ratio, the objective, budget and period as series, and the budget left; and the SRE workbook's
// multiwindow, multi-burn-rate alert on them.
//
// SLI: connected probe-seconds / probe-seconds. Both counters advance together at every scrape,
// so the error ratio over a window is exact (no sampling of a gauge), a counter reset at a
// restart is handled by rate(), and a scrape gap leaves the counters' increase intact.
local alert = import '../lib/alert.libsonnet';
local promql = import '../lib/promql.libsonnet';

{
  local config = $._config,
  local slo = config.slo,
  local by = promql.by(config),
  local id = slo.service + '-' + slo.name,
  local ids = { sloth_id: id, sloth_service: slo.service, sloth_slo: slo.name },
  local idSel = 'sloth_id="%s"' % id,
  local period = '%dd' % slo.periodDays,
  local budget = '(1 - %g)' % slo.objective,
  local objectivePercent = '%g%%' % (slo.objective * 100),

  local sliError(window) = {
    record: 'slo:sli_error:ratio_rate' + window,
    expr: '(\n  sum %s (rate(%s[%s]))\n  - sum %s (rate(%s[%s]))\n)\n/ sum %s (rate(%s[%s]))\n' % [
      by,
      promql.sel(config, 'nexconn_probe_seconds_total'),
      window,
      by,
      promql.sel(config, 'nexconn_probe_connected_seconds_total'),
      window,
      by,
      promql.sel(config, 'nexconn_probe_seconds_total'),
      window,
    ],
    labels: ids { sloth_window: window },
  },

  // Every window the burn alerts read, short ones first.
  local windows = std.uniq(std.sort(
    std.flattenArrays([[a.window, a.short] for a in slo.burnAlerts]),
    function(w) promql.minutes(w),
  ), function(w) promql.minutes(w)),

  sloRecordingRules:: [sliError(w) for w in windows] + [
    {
      // As Sloth: the period's ratio is the mean of the 5m ratios, cheap over 30 days.
      record: 'slo:sli_error:ratio_rate' + period,
      expr: 'sum_over_time(slo:sli_error:ratio_rate5m{%s}[%s])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m{%s}[%s])\n'
            % [idSel, period, idSel, period],
      labels: ids { sloth_window: period },
    },
    { record: 'slo:objective:ratio', expr: 'vector(%g)' % slo.objective, labels: ids },
    { record: 'slo:error_budget:ratio', expr: 'vector%s' % budget, labels: ids },
    { record: 'slo:time_period:days', expr: 'vector(%d)' % slo.periodDays, labels: ids },
    {
      record: 'slo:current_burn_rate:ratio',
      expr: 'slo:sli_error:ratio_rate5m{%s}\n/ on (sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{%s}\n'
            % [idSel, idSel],
      labels: ids,
    },
    {
      record: 'slo:period_burn_rate:ratio',
      expr: 'slo:sli_error:ratio_rate%s{%s}\n/ on (sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{%s}\n'
            % [period, idSel, idSel],
      labels: ids,
    },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: '1 - slo:period_burn_rate:ratio{%s}' % idSel,
      labels: ids,
    },
  ],

  local burnAlert(a) = {
    local threshold = '(%g * %s)' % [a.factor, budget],
    local gone = slo.periodDays / a.factor,
    local goneText = if gone == std.floor(gone) then '%d' % gone else std.format('%.1f', gone),
    alert: slo.alertName,
    expr: 'slo:sli_error:ratio_rate%s{%s} > %s\nand ignoring (sloth_window)\nslo:sli_error:ratio_rate%s{%s} > %s\n'
          % [a.window, idSel, threshold, a.short, idSel, threshold],
    'for': a['for'],
    labels: alert.labels(a.severity, { window: a.window }),
    annotations: alert.annotations(
      config,
      slo.alertName,
      'Nexconn probe availability is burning its error budget',
      '{{ $value | humanizePercentage }} of the probe time %s was not connected over the last %s (and the last %s),'
      % [alert.where(config), a.window, a.short]
      + ' more than %g times the error budget of the %s objective: at this rate the %s budget is gone in about %s days.'
        % [a.factor, objectivePercent, period, goneText],
    ),
  },

  prometheusRules+:: {
    groups+: [
      {
        name: 'nexconn-exporter.slo.' + slo.name,
        rules: $.sloRecordingRules,
      },
    ],
  },

  prometheusAlerts+:: {
    groups+: [
      {
        name: 'nexconn-exporter.slo.' + slo.name + '.alerts',
        rules: [burnAlert(a) for a in slo.burnAlerts],
      },
    ],
  },
}
