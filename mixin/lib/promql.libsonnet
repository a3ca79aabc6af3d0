// Small helpers that build PromQL text from the mixin's _config.
{
  // 'a, b' from the non-empty parts.
  join(parts):: std.join(', ', std.filter(function(p) p != '', parts)),

  // metric{matchers} with the configured extra selector ANDed in.
  sel(config, metric, matchers='')::
    local m = self.join([config.nexconnSelector, matchers]);
    if m == '' then metric else metric + '{' + m + '}',

  // The aggregation labels of every rule and panel: cluster and namespace.
  by(config, extra=[]):: 'by (' + std.join(', ', [config.clusterLabel, config.namespaceLabel] + extra) + ')',

  // '5m', '1h': how Prometheus durations read in the shipped rules.
  // '5m', '2h', '3d' in minutes, to order windows.
  minutes(d)::
    local unit = d[std.length(d) - 1];
    local v = std.parseInt(std.substr(d, 0, std.length(d) - 1));
    v * { m: 1, h: 60, d: 1440 }[unit],

  duration(minutes):: if minutes % 60 == 0 then '%dh' % (minutes / 60) else '%dm' % minutes,
}
