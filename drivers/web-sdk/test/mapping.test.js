'use strict';
// The driver's boundary: the SDK's documented connection events and codes in, protocol events
// out, and the SDK torn down (disconnect) on DISCONNECT and SUSPEND so it never retries beside the
// engine. The SDK here is test/fixtures/fake-sdk.js, scripted by the token.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { DriverProcess, requireLoopbackOnly } = require('./support');

requireLoopbackOnly();

const FAKE = path.join(__dirname, 'fixtures', 'fake-sdk.js');
let driver;
test.before(async () => {
  driver = new DriverProcess([`--sdk-module=${FAKE}`]);
  await driver.next((e) => e.ev === 'READY');
});
test.after(() => driver.stop());

let n = 0;
async function run(token, settleMs = 600) {
  const id = `m${++n}`;
  driver.send({ cmd: 'open', id, appKey: 'k', navigators: ['http://127.0.0.1:1'], token });
  await driver.next((e) => e.id === id && ['DISCONNECT', 'SUSPEND', 'CONNECTED'].includes(e.ev));
  await new Promise((r) => setTimeout(r, settleMs));
  const seen = driver.of(id).filter((e) => e.ev !== 'SDK_TRACE').map((e) => (e.code === undefined ? e.ev : `${e.ev}:${e.code}`));
  const calls = driver.of(id).filter((e) => e.ev === 'SDK_TRACE').map((e) => e.call);
  return { id, seen, calls };
}

test('connected reports the user id the SDK returned', async () => {
  const r = await run('ok:user-7');
  assert.deepEqual(r.seen, ['CONNECTING', 'CONNECTED']);
  assert.equal(driver.of(r.id).find((e) => e.ev === 'CONNECTED').userId, 'user-7');
  assert.deepEqual(r.calls, ['init', 'connect']);
});

for (const [what, code] of [['kicked', 31010], ['banned while connected', 31011], ['deactivated', 31029], ['banned', 31009]]) {
  test(`${what}: DISCONNECT ${code} of a live session is reported and the SDK torn down`, async () => {
    const r = await run(`ok:u:disconnect:${code}`);
    assert.deepEqual(r.seen, ['CONNECTING', 'CONNECTED', `DISCONNECT:${code}`]);
    assert.deepEqual(r.calls, ['init', 'connect', 'disconnect']);
  });
}

for (const [what, code] of [['banned user refused', 31009], ['token expired', 31020], ['token incorrect', 31004], ['deactivated', 31029], ['kicked (reconnect kick)', 31010], ['App Key banned or deleted', 31008]]) {
  test(`${what}: a refused connect reports DISCONNECT ${code} once`, async () => {
    const r = await run(`refuse:${code}`);
    assert.deepEqual(r.seen, ['CONNECTING', `DISCONNECT:${code}`]);
    assert.deepEqual(r.calls, ['init', 'connect', 'disconnect']);
  });
}

test('SUSPEND 30012 is reported and the SDK does not reconnect by itself', async () => {
  const r = await run('ok:u:suspend:30012', 900);
  assert.deepEqual(r.seen, ['CONNECTING', 'CONNECTED', 'SUSPEND:30012']);
  assert.deepEqual(r.calls, ['init', 'connect', 'disconnect']);
  assert.ok(!r.calls.includes('self-reconnect'));
});

test('ping answers with the probe state from its worker', async () => {
  const r = await run('ok:u');
  driver.send({ cmd: 'ping', id: r.id, seq: 41 });
  const pong = await driver.next((e) => e.ev === 'PONG' && e.seq === 41);
  assert.deepEqual([pong.id, pong.state], [r.id, 'connected']);
});
