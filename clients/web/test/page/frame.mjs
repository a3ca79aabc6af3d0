// One realm, one SDK instance: init with the loopback navigator of this frame's mode, attach the
// reporter (timer flush disabled, so only the page-hide flush can deliver), connect, report the
// SDK's events and the refused attempts, then tell the parent, which navigates this frame away.
import * as RongIMLib from '/node_modules/@rongcloud/imlib-next/index.mjs';
import { createReporter } from '/src/reporter.js';

const q = new URLSearchParams(location.search);
const mode = q.get('mode');
const reporter = createReporter({
  endpoint: '/nexconn-exporter/api/v1/events',
  apiKey: q.get('key'),
  appVersion: 'chromium-test-1',
  sdkVersion: '5.38.0',
  flushIntervalMs: 600000,
});
const seen = [];
for (const name of ['CONNECTING', 'CONNECTED', 'DISCONNECT', 'SUSPEND']) {
  RongIMLib.addEventListener(RongIMLib.Events[name], (code) => seen.push({ name, code }));
}
reporter.attach(RongIMLib);
RongIMLib.init({ appkey: 'loopbacktestkey', navigators: [q.get('navi')], logLevel: 4 });
const result = await RongIMLib.connect(q.get('token'));
await fetch(`/results/${mode}`, {
  method: 'POST',
  body: JSON.stringify({ mode, connect: { isOk: result.isOk, code: result.code }, seen, queued: reporter.stats().queued, refused: window.__refused }),
});
parent.postMessage({ mode, done: true }, '*');
