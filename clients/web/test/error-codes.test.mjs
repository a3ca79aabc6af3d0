// Every connection code of the Web SDK's published ErrorCode enum (read from the installed
// @rongcloud/engine's index.d.ts) is in docs/reporters.md with the status the sidecar records
// after a DISCONNECT with it, and the running sidecar does exactly that.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startSidecar, API_KEY } from './support/sidecar.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const CONNECTION_EXTRA = [33001, 33005, 33006, 34001, 34005, 34006, 35007, 35008, 35009, 35010];

function enumCodes() {
  const dts = fs.readFileSync(path.join(path.dirname(require.resolve('@rongcloud/engine')), 'index.d.ts'), 'utf8');
  const start = dts.indexOf('declare enum ErrorCode {');
  const body = dts.slice(start, dts.indexOf('\n}', start));
  const out = new Map();
  for (const m of body.matchAll(/^\s+([A-Z_0-9]+) = (-?\d+),?$/gm)) out.set(Number(m[2]), m[1]);
  return out;
}

function docTable() {
  const md = fs.readFileSync(path.join(here, '..', '..', '..', 'docs', 'reporters.md'), 'utf8');
  const rows = new Map();
  for (const m of md.matchAll(/^\| (3\d{4}) \| `([A-Z_0-9]+)` \| `([a-z_]+)` \|/gm)) rows.set(Number(m[1]), { name: m[2], status: m[3] });
  return rows;
}

let sidecar;
before(async () => { sidecar = await startSidecar(); });
after(async () => { await sidecar?.stop(); });

test('docs/reporters.md lists every connection code of the SDK ErrorCode enum, with its enum name', () => {
  const codes = enumCodes();
  const rows = docTable();
  assert.ok(codes.size > 300, `the enum was read (${codes.size} codes)`);
  const connection = [...codes.keys()].filter((c) => (c >= 30000 && c < 33000) || CONNECTION_EXTRA.includes(c));
  assert.deepEqual([...rows.keys()].sort(), connection.sort());
  for (const [code, row] of rows) assert.equal(row.name, codes.get(code), `name of ${code}`);
});

test('the sidecar records the documented status for DISCONNECT with each code, and SUSPEND stays suspend', async () => {
  const rows = docTable();
  const wrong = [];
  let n = 0;
  for (const [code, row] of rows) {
    for (const [status, expected] of [['DISCONNECT', row.status], ['SUSPEND', 'suspend']]) {
      const res = await fetch(sidecar.endpoint, {
        method: 'POST',
        headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ batchId: `codes-${code}-${status}-${n++}`, app: { platform: 'web', appVersion: 'codes-1' }, events: [{ type: 'status', at: Date.now(), status, errorCode: code }] }),
      });
      assert.equal(res.status, 202);
      const summary = await sidecar.summary();
      const last = summary.recentTransitions[0];
      if (last.errorCode !== code || last.to !== expected) wrong.push({ code, status, expected, got: last });
    }
  }
  assert.deepEqual(wrong, []);
});
