// What every alert of the mixin carries: the detector label that tells it from the sidecar's copy
// (docs/alerting.md), and the runbook and dashboard links (docs/runbooks.md has one section per
// alert, anchored by the alert name in lower case).
{
  labels(severity, extra={}):: { severity: severity, detector: 'prometheus' } + extra,

  annotations(config, name, summary, description):: {
    summary: summary,
    description: description,
    runbook_url: config.runbookURLPattern % std.asciiLower(name),
    dashboard_url: config.grafanaURL + '/d/' + config.dashboardUid,
  },

  // ' in namespace X of cluster Y', as Go template text for the alert's labels.
  where(config):: 'in namespace {{ $labels.%s }}{{ with $labels.%s }} of cluster {{ . }}{{ end }}'
                  % [config.namespaceLabel, config.clusterLabel],
}
