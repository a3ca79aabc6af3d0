// Writes one TypeScript file per Grafana dashboard JSON file, plus typed.ts and a tsconfig.json,
// into OUT_DIR (a folder below this one, so that node_modules resolves):
//   node to-typescript.mjs OUT_DIR FILE...   then   tsc --noEmit -p OUT_DIR
// Each panel becomes a constant of the type of its plugin (typed.ts) and the dashboard a constant
// of @grafana/schema's Dashboard, so that `tsc --noEmit` checks them against Grafana's types.
// A panel type without a typed plugin here is written with an unknown type and fails the check.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  include: ['*.ts'],
};

const TYPES = { row: 'Row', stat: 'StatPanel', timeseries: 'TimeseriesPanel', heatmap: 'HeatmapPanel' };
const [outDir, ...files] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
copyFileSync(join(dirname(fileURLToPath(import.meta.url)), 'typed.ts'), join(outDir, 'typed.ts'));
writeFileSync(join(outDir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
for (const file of files) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  const name = basename(file, '.json').replace(/[^A-Za-z0-9]/g, '_');
  const lines = [
    `// Generated from ${file} by to-typescript.mjs.`,
    "import type { HeatmapPanel, PrometheusDashboard, Row, StatPanel, TimeseriesPanel } from './typed';",
    '',
  ];
  const refs = [];
  (dashboard.panels ?? []).forEach((panel, i) => {
    const type = TYPES[panel.type] ?? `UnknownPanelType_${String(panel.type).replace(/\W/g, '_')}`;
    lines.push(`// panel ${i}: ${JSON.stringify(panel.title ?? '')}`);
    lines.push(`const panel_${i}: ${type} = ${JSON.stringify(panel, null, 2)};`, '');
    refs.push(`panel_${i}`);
  });
  const { panels, ...rest } = dashboard;
  const body = JSON.stringify(rest, null, 2).replace(/\n}$/, `,\n  "panels": [${refs.join(', ')}]\n}`);
  lines.push(`export const dashboard: PrometheusDashboard = ${body};`, '');
  writeFileSync(join(outDir, `${name}.ts`), lines.join('\n'));
}
