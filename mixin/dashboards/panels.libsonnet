// Plain Grafana panel objects (schemaVersion 39) for the mixin's dashboards: no dashboard library,
// just the fields Grafana's schema defines. Every query goes through the "datasource" variable.
{
  datasource:: { type: 'prometheus', uid: '${datasource}' },

  pos(x, y, w, h):: { h: h, w: w, x: x, y: y },

  target(expr, legend='', refId='A'):: {
    datasource: $.datasource,
    expr: expr,
    legendFormat: legend,
    refId: refId,
    range: true,
    instant: false,
  },

  // Targets A, B, C... from [expr, legend] pairs.
  targets(pairs):: [
    $.target(pairs[i][0], pairs[i][1], std.char(std.codepoint('A') + i))
    for i in std.range(0, std.length(pairs) - 1)
  ],

  row(title, y):: {
    type: 'row',
    title: title,
    collapsed: false,
    gridPos: $.pos(0, y, 24, 1),
    panels: [],
  },

  // steps: [[color, value], ...], the first value null.
  stat(title, description, unit, targets, gridPos, steps):: {
    type: 'stat',
    title: title,
    description: description,
    datasource: $.datasource,
    gridPos: gridPos,
    fieldConfig: {
      defaults: {
        unit: unit,
        thresholds: {
          mode: 'absolute',
          steps: [{ color: s[0], value: s[1] } for s in steps],
        },
      },
      overrides: [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'background',
      graphMode: 'area',
      textMode: 'auto',
      justifyMode: 'auto',
      orientation: 'auto',
      wideLayout: true,
      showPercentChange: false,
      percentChangeColorMode: 'standard',
    },
    targets: targets,
  },

  timeseries(title, description, unit, targets, gridPos, stacked=false):: {
    type: 'timeseries',
    title: title,
    description: description,
    datasource: $.datasource,
    gridPos: gridPos,
    fieldConfig: {
      defaults: {
        unit: unit,
        custom: {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: if stacked then 20 else 10,
          showPoints: 'never',
          spanNulls: false,
          stacking: { mode: if stacked then 'normal' else 'none', group: 'A' },
        },
        color: { mode: 'palette-classic' },
        min: 0,
      },
      overrides: [],
    },
    options: {
      legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    targets: targets,
  },

  heatmap(title, description, unit, targets, gridPos):: {
    type: 'heatmap',
    title: title,
    description: description,
    datasource: $.datasource,
    gridPos: gridPos,
    fieldConfig: {
      defaults: {
        unit: unit,
        custom: { scaleDistribution: { type: 'linear' } },
      },
      overrides: [],
    },
    options: {
      calculate: false,
      yAxis: { unit: unit },
      cellGap: 1,
      color: {
        mode: 'scheme',
        scheme: 'Oranges',
        fill: 'dark-orange',
        scale: 'exponential',
        exponent: 0.5,
        steps: 64,
        reverse: false,
      },
      tooltip: { mode: 'single', yHistogram: false },
      legend: { show: true },
      rowsFrame: { layout: 'auto' },
      showValue: 'never',
      exemplars: { color: 'rgba(255,0,255,0.7)' },
      filterValues: { le: 1e-09 },
    },
    targets: [t { format: 'heatmap' } for t in targets],
  },

  // A query variable over label_values, multi-select with "All" (matching series without it).
  queryVariable(name, label, query):: {
    name: name,
    label: label,
    type: 'query',
    datasource: $.datasource,
    query: { query: query, refId: 'PrometheusVariableQueryEditor-VariableQuery', qryType: 1 },
    refresh: 2,
    includeAll: true,
    multi: true,
    allValue: '.*',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    options: [],
    sort: 1,
    hide: 0,
    regex: '',
  },

  datasourceVariable:: {
    name: 'datasource',
    label: 'Data source',
    type: 'datasource',
    query: 'prometheus',
    refresh: 1,
    hide: 0,
    includeAll: false,
    multi: false,
    options: [],
    regex: '',
  },
}
