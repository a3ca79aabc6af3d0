// One run of the real vendor SDK in its own Node process (the SDK allows one instance per JS
// realm): init with a loopback navigator, attach the reporter, connect, and once the SDK has
// emitted its own DISCONNECT, flush the reporter to the sidecar. Prints one JSON line.
import fs from 'node:fs';
import { loadSdk } from './sdk-node.mjs';
import { createReporter } from '../../src/reporter.js';

const args = JSON.parse(process.argv[2]);
const { im, refusals } = await loadSdk(args.refusalFile);
const sent = [];
const reporter = createReporter({
  endpoint: args.endpoint,
  apiKey: args.apiKey,
  appVersion: 'node-test-1',
  sdkVersion: '5.38.0',
  flushIntervalMs: 100,
  fetch: async (url, init) => { sent.push(init.body); return fetch(url, init); },
});
const seen = [];
for (const name of ['CONNECTING', 'CONNECTED', 'DISCONNECT', 'SUSPEND']) {
  im.addEventListener(im.Events[name], (code) => seen.push({ name, code }));
}
reporter.attach(im);
im.init({ appkey: 'loopbacktestkey', navigators: [args.navigator], logLevel: 4 });
const result = await im.connect(args.token);
const deadline = Date.now() + 10000;
while (reporter.stats().queued > 0 && Date.now() < deadline) {
  await reporter.flush();
  await new Promise((r) => setTimeout(r, 50));
}
const out = { connect: { isOk: result.isOk, code: result.code }, seen, stats: reporter.stats(), sent, refused: refusals.attempts };
fs.writeFileSync(args.resultFile, JSON.stringify(out));
console.log(JSON.stringify({ mode: args.mode, connect: out.connect, seen, refused: refusals.attempts.length }));
process.exit(0);
