// Every file the mixin renders, by path from the repository root. mixin/generate writes them;
// MixinGeneratedFilesTest renders them again into a temporary folder and compares.
local mixin = import 'mixin.libsonnet';

local header(lines) = std.join('', ['# ' + l + '\n' for l in lines]);
local generated = 'Generated from mixin/ by mixin/generate: edit the jsonnet, not this file.';
local yaml(v) = (import 'lib/yaml.libsonnet').manifest(v);

{
  'prometheus/nexconn-alerts.rules.yml':
    header([
      "Prometheus alerting rules for nexconn-exporter: the fleet-wide twins of the sidecar's own spike",
      'rules (same alert names, signals and severities; docs/alerting.md explains both paths),',
      'aggregated by cluster and namespace.',
      generated,
      'Unit tests: promtool test rules prometheus/tests/nexconn-alerts.test.yml',
    ]) + yaml(mixin.prometheusAlerts),

  'prometheus/nexconn-upstream-alerts.rules.yml':
    header([
      'Prometheus alerting rules for what a connected socket does not prove: the upstream certificate',
      'running out, probe messages lost or slow. Aggregated by cluster and namespace; no sidecar twin.',
      generated,
      'Unit tests: promtool test rules prometheus/tests/nexconn-upstream-alerts.test.yml',
    ]) + yaml(mixin.upstreamAlerts),

  'prometheus/nexconn-recording.rules.yml':
    header([
      'Prometheus recording rules for nexconn-exporter (level:metric:operations): the heavy queries of',
      'dashboards/nexconn-overview.json, aggregated by cluster and namespace.',
      generated,
      'Unit tests: promtool test rules prometheus/tests/nexconn-recording.test.yml',
    ]) + yaml(mixin.prometheusRules),

  'k8s/base/prometheusrule.yaml':
    header([
      'The Prometheus Operator form of prometheus/nexconn-recording.rules.yml and',
      'prometheus/nexconn-alerts.rules.yml and prometheus/nexconn-upstream-alerts.rules.yml:',
      'spec.groups holds the groups of all three files.',
      generated,
    ]) + yaml({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: 'nexconn-exporter',
        labels: {
          'app.kubernetes.io/name': 'nexconn-exporter',
          'app.kubernetes.io/component': 'alerting',
          'app.kubernetes.io/part-of': 'nexconn-exporter',
        },
      },
      spec: {
        groups: mixin.prometheusRules.groups + mixin.prometheusAlerts.groups
                + mixin.upstreamAlerts.groups,
      },
    }),
} + {
  ['dashboards/' + name]: std.manifestJsonEx(mixin.grafanaDashboards[name], '  ') + '\n'
  for name in std.objectFields(mixin.grafanaDashboards)
}
