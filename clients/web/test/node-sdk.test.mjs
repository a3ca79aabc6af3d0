// The real vendor Web SDK in Node, against a loopback navigation stub and the real sidecar jar.
// Runs inside `unshare -n` (WebReporterIT); every non-loopback attempt is refused and counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startSidecar, API_KEY, delta, metric } from './support/sidecar.mjs';
import { startNaviStub, closedPort } from './support/navi-stub.mjs';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const results = process.env.RESULTS_DIR || fs.mkdtempSync('/tmp/web-reporter-results-');
let sidecar;
let navi;

before(async () => {
  sidecar = await startSidecar();
  navi = await startNaviStub();
});
after(async () => {
  await navi?.close();
  await sidecar?.stop();
});

async function scenario(mode, navigator, token = 'loopback-test-token-1') {
  const resultFile = path.join(results, `node-${mode}.json`);
  const refusalFile = path.join(results, `node-${mode}-refused.json`);
  const { stdout } = await run(process.execPath,
    [path.join(here, 'support', 'node-scenario.mjs'), JSON.stringify({ mode, navigator, token, endpoint: sidecar.endpoint, apiKey: API_KEY, resultFile, refusalFile })],
    { timeout: 60000 });
  process.stdout.write(`scenario ${stdout}`);
  return JSON.parse(fs.readFileSync(resultFile, 'utf8'));
}

const CASES = [
  { mode: 'closed', code: 30007, to: 'unconnected' },
  { mode: '404', code: 30007, to: 'unconnected' },
  { mode: '500', code: 30007, to: 'unconnected' },
  { mode: '401', code: 31004, to: 'token_incorrect' },
  { mode: '403', code: 31004, to: 'token_incorrect' },
  { mode: 'empty', code: 35008, to: 'unconnected' },
];

for (const c of CASES) {
  test(`navigation ${c.mode}: the SDK emits DISCONNECT ${c.code}, the sidecar counts connecting -> ${c.to}`, async () => {
    const navigator = c.mode === 'closed' ? `http://127.0.0.1:${await closedPort()}` : `${navi.base}/${c.mode}`;
    const before = await sidecar.metrics();
    const r = await scenario(c.mode, navigator);
    assert.deepEqual(r.seen.map((e) => e.name), ['CONNECTING', 'DISCONNECT']);
    assert.equal(r.seen[1].code, c.code);
    assert.equal(r.connect.code, c.code);
    assert.equal(r.stats.sentEvents, 2, JSON.stringify(r.stats));
    const body = JSON.parse(r.sent[0]);
    assert.deepEqual(body.events.map((e) => [e.status, e.errorCode]), [['CONNECTING', undefined], ['DISCONNECT', c.code]]);
    assert.ok(!r.sent.join('').includes('loopback-test-token-1'), 'the token never leaves in a report');
    const afterText = await sidecar.metrics();
    const t = 'nexconn_connection_status_transitions_total';
    assert.equal(delta(before, afterText, t, { source: 'sdk', platform: 'web', from: 'none', to: 'connecting' }), 1);
    assert.equal(delta(before, afterText, t, { source: 'sdk', platform: 'web', from: 'connecting', to: c.to }), 1);
    assert.equal(delta(before, afterText, 'nexconn_ingest_events_total', { endpoint: 'events', outcome: 'accepted' }), 2);
    assert.equal(delta(before, afterText, 'nexconn_token_failures_total', { source: 'sdk', reason: 'incorrect' }), c.to === 'token_incorrect' ? 1 : 0);
    const summary = await sidecar.summary();
    const last = summary.recentTransitions.find((x) => x.source === 'sdk' && x.platform === 'web');
    assert.equal(last.to, c.to);
    assert.equal(last.errorCode, c.code);
    // The SDK's vendor-config calls at init/connect were refused before any DNS lookup.
    assert.ok(r.refused.length > 0, 'the SDK tried vendor hosts; each attempt must be refused and counted');
    for (const a of r.refused) assert.ok(!/^http:\/\/127\./.test(a.url), `refused ${a.url}`);
    assert.equal(r.refused.filter((a) => a.kind === 'dns').length, 0, 'no DNS lookup was even attempted');
  });
}

test('a token with a host after @: the SDK tries that host first; the harness refuses and counts it', async () => {
  const r = await scenario('at-host', `${navi.base}/401`, 'loopback-test-token-2@nav.refused-by-test.invalid');
  assert.ok(r.refused.length > 0);
  assert.ok(r.refused.some((a) => a.url.includes('refused-by-test.invalid')),
    `the token's own host must be among the refused attempts: ${JSON.stringify(r.refused)}`);
  assert.equal(r.seen.at(-1).name, 'DISCONNECT');
});
