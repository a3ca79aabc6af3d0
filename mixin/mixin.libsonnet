// nexconn-exporter monitoring mixin: alerts, recording rules and dashboards, all driven by
// _config (config.libsonnet). Render it with mixin/generate; import it with
//   (import 'mixin.libsonnet') + { _config+:: { ... } }
(import 'config.libsonnet') +
(import 'alerts/alerts.libsonnet') +
(import 'alerts/upstream.libsonnet') +
(import 'alerts/exporter.libsonnet') +
(import 'rules/rules.libsonnet') +
(import 'rules/slo.libsonnet') +
(import 'dashboards/dashboards.libsonnet')
