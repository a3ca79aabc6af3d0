// The wire (JSON) form of Grafana's published dashboard types, for the .ts files that
// to-typescript.mjs writes: each dashboard is declared as @grafana/schema's Dashboard, each panel
// as the schema's Panel with its plugin's options and field config from
// @grafana/grafana-foundation-sdk, and every unit must be one the foundation SDK names.
import type { AnnotationQuery, Dashboard, FieldConfig, FieldConfigSource, Panel, RowPanel } from '@grafana/schema';
import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import type * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import type * as stat from '@grafana/grafana-foundation-sdk/stat';
import type * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import * as units from '@grafana/grafana-foundation-sdk/units';

/** JSON carries a string enum's value, not the enum: "background" for BigValueColorMode.Background. */
export type Wire<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends Array<infer U>
      ? Array<Wire<U>>
      : { [K in keyof T]: Wire<T[K]> };

/** Every unit id the foundation SDK defines ("short", "s", "ops", "percentunit", ...). */
export type Unit = (typeof units)[keyof typeof units];

/** A Prometheus query as the foundation SDK types it (the SDK's marker method aside). */
export type PrometheusQuery = Wire<Omit<prometheus.Dataquery, '_implementsDataqueryVariant'>>;

type Typed<T extends string, Options, Custom> = Omit<
  Wire<Panel>,
  'type' | 'options' | 'fieldConfig' | 'title' | 'description' | 'targets'
> & {
  type: T;
  targets: PrometheusQuery[];
  title: string;
  description: string;
  options: Wire<Options>;
  fieldConfig: {
    defaults: Omit<Wire<FieldConfig>, 'unit' | 'custom'> & { unit: Unit; custom?: Wire<Custom> };
    overrides: FieldConfigSource['overrides'];
  };
};

export type StatPanel = Typed<'stat', stat.Options, Record<string, never>>;
export type TimeseriesPanel = Typed<'timeseries', timeseries.Options, timeseries.FieldConfig>;
export type HeatmapPanel = Typed<'heatmap', heatmap.Options, heatmap.FieldConfig>;
export type Row = Wire<RowPanel>;

/** The schema's Dashboard, with Prometheus annotation queries. */
export type PrometheusDashboard = Omit<Wire<Dashboard>, 'annotations' | 'panels'> & {
  annotations?: { list?: Array<Omit<Wire<AnnotationQuery>, 'target'> & { target?: PrometheusQuery }> };
  panels?: Array<Row | StatPanel | TimeseriesPanel | HeatmapPanel>;
};
