// The real vendor Web SDK in headless Chromium (Debian's chromium), the page served from loopback.
// Three layers keep the browser on loopback: the page's own guard (fetch, XHR, WebSocket,
// sendBeacon refuse non-loopback URLs and count them), a PAC file that sends everything not on
// loopback to a counting proxy that refuses it, and host-resolver rules that resolve no name.
// Inside `unshare -n` (WebReporterIT) nothing but loopback exists anyway.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSidecar, API_KEY, delta } from './support/sidecar.mjs';
import { startNaviStub } from './support/navi-stub.mjs';
import { startPageServer, startRefusingProxy } from './support/page-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = process.env.RESULTS_DIR || fs.mkdtempSync('/tmp/web-reporter-results-');
const chromium = process.env.CHROMIUM || 'chromium';
let sidecar, navi, pages, proxy;

before(async () => {
  sidecar = await startSidecar();
  navi = await startNaviStub();
  pages = await startPageServer(root, sidecar.base);
  proxy = await startRefusingProxy();
});
after(async () => {
  await Promise.all([navi?.close(), pages?.close(), proxy?.close()]);
  await sidecar?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('Chromium: the SDK\'s own DISCONNECT events reach the sidecar through the page-hide flush; nothing leaves loopback', async () => {
  const cases = [
    { mode: '404', code: 30007, to: 'unconnected' },
    { mode: '500', code: 30007, to: 'unconnected' },
    { mode: '401', code: 31004, to: 'token_incorrect' },
    { mode: 'empty', code: 35008, to: 'unconnected' },
  ];
  const params = cases.map((c) => ({ mode: c.mode, navi: `${navi.base}/${c.mode}`, key: API_KEY, token: `chromium-token-${c.mode}` }));
  const before = await sidecar.metrics();
  const pac = `function FindProxyForURL(url, host) { if (/^127\\.\\d+\\.\\d+\\.\\d+$/.test(host) || host === '[::1]' || host === '::1') return 'DIRECT'; return 'PROXY 127.0.0.1:${proxy.port}'; }`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'reporter-chromium-'));
  const url = `${pages.base}/page/index.html#${encodeURIComponent(JSON.stringify(params))}`;
  const browser = spawn(chromium, [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
    '--disable-features=OptimizationHints,MediaRouter,Translate', `--user-data-dir=${profile}`,
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    `--proxy-pac-url=data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pac).toString('base64')}`,
    '--enable-logging=stderr', '--remote-debugging-port=0', url,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  browser.stdout.on('data', (d) => { log += d; });
  browser.stderr.on('data', (d) => { log += d; });
  try {
    const deadline = Date.now() + 60000;
    const delivered = () => cases.every((c) => pages.reports.some((r) => r.status === 202 && r.body.includes(`"errorCode":${c.code}`)));
    while (!(pages.results.size === cases.length && pages.reports.filter((r) => r.status === 202).length >= cases.length) && Date.now() < deadline) {
      await sleep(100);
    }
    assert.equal(pages.results.size, cases.length, `every frame reported; chromium said:\n${log.slice(-3000)}`);
    assert.ok(delivered(), `reports: ${JSON.stringify(pages.reports)}`);
  } finally {
    browser.kill('SIGKILL');
  }
  const afterText = await sidecar.metrics();
  const refusedInPage = [];
  for (const c of cases) {
    const r = pages.results.get(c.mode);
    assert.deepEqual(r.seen.map((e) => e.name), ['CONNECTING', 'DISCONNECT'], JSON.stringify(r));
    assert.equal(r.seen[1].code, c.code);
    assert.equal(r.queued, 2, 'nothing was sent before the page was hidden');
    refusedInPage.push(...r.refused.map((a) => ({ ...a, mode: c.mode })));
  }
  const t = 'nexconn_connection_status_transitions_total';
  assert.equal(delta(before, afterText, t, { source: 'sdk', platform: 'web', from: 'none', to: 'connecting' }), cases.length);
  for (const to of new Set(cases.map((c) => c.to))) {
    assert.equal(delta(before, afterText, t, { source: 'sdk', platform: 'web', from: 'connecting', to }), cases.filter((c) => c.to === to).length, to);
  }
  assert.equal(delta(before, afterText, 'nexconn_token_failures_total', { source: 'sdk', reason: 'incorrect' }), 1);
  assert.equal(delta(before, afterText, 'nexconn_ingest_events_total', { endpoint: 'events', outcome: 'accepted' }), 2 * cases.length);
  for (const c of cases) assert.ok(!pages.reports.some((r) => r.body.includes(`chromium-token-${c.mode}`)), 'no token in any report');
  assert.ok(refusedInPage.length > 0, 'the SDK called vendor hosts; the page guard must refuse and count them');
  for (const a of [...refusedInPage, ...proxy.attempts]) assert.ok(!/^(https?|wss?):\/\/127\./.test(a.url), JSON.stringify(a));
  fs.writeFileSync(path.join(results, 'chromium-refused.json'), JSON.stringify({ page: refusedInPage, proxy: proxy.attempts }, null, 1));
  console.log(`chromium refused: page=${refusedInPage.length} proxy=${proxy.attempts.length}`);
});
