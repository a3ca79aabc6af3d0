'use strict';
// Navigation failures through the real vendor SDK (5.38.0) against a stub navigation server on
// loopback, and the guard that refuses and counts every non-loopback attempt the SDK makes.
const test = require('node:test');
const assert = require('node:assert/strict');
const { DriverProcess, naviServer, requireLoopbackOnly, isLoopbackHost } = require('./support');

requireLoopbackOnly();

let seq = 0;
async function openAndEnd(navigators, token = 'probe-token-1') {
  const driver = new DriverProcess();
  await driver.next((e) => e.ev === 'READY');
  const id = `p${++seq}`;
  driver.send({ cmd: 'open', id, appKey: 'test-app-key', navigators, token });
  const end = await driver.next((e) => e.id === id && (e.ev === 'DISCONNECT' || e.ev === 'SUSPEND'), 20000);
  driver.send({ cmd: 'health', seq: 1 });
  const health = await driver.next((e) => e.ev === 'HEALTH');
  const events = driver.of(id);
  await driver.stop();
  return { end, events, health, id };
}

function assertEveryNonLoopbackRefused({ events, health, id }) {
  const refused = events.filter((e) => e.ev === 'REFUSED');
  assert.ok(refused.length > 0, 'the SDK tries vendor hosts at init/connect: expected refusals');
  for (const r of refused) {
    assert.ok(!isLoopbackHost(r.host), `loopback host ${r.host} must not be refused`);
  }
  // Counted per probe, one per attempt, and visible through health.
  assert.deepEqual(refused.map((r) => r.count), refused.map((_, i) => i + 1));
  assert.equal(health.refused[id].count, refused.length);
  assert.equal(health.refusedTotal, refused.length);
  assert.ok(refused.some((r) => r.host.endsWith('rong-edge.com')), 'the vendor config host is refused');
}

function statusAnswer(status) {
  return (req, res) => {
    res.statusCode = status;
    res.end('{}');
  };
}

test('a closed navigation port ends in DISCONNECT 30007', async () => {
  const r = await openAndEnd(['http://127.0.0.1:1']);
  assert.deepEqual([r.end.ev, r.end.code], ['DISCONNECT', 30007]);
  assert.ok(r.events.some((e) => e.ev === 'CONNECTING'));
  assertEveryNonLoopbackRefused(r);
});

for (const [status, code] of [[404, 30007], [500, 30007], [401, 31004], [403, 31004]]) {
  test(`navigation HTTP ${status} ends in DISCONNECT ${code}`, async () => {
    const navi = await naviServer(statusAnswer(status));
    try {
      const r = await openAndEnd([navi.url]);
      assert.deepEqual([r.end.ev, r.end.code], ['DISCONNECT', code]);
      assert.equal(navi.requests[0].url.split('?')[0], '/v2/navi.json');
      assert.equal(navi.requests[0].headers['rc-appkey'], 'test-app-key');
      assertEveryNonLoopbackRefused(r);
    } finally {
      await navi.close();
    }
  });
}

test('navigation 200 without a server list ends in DISCONNECT 35008', async () => {
  const navi = await naviServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"code":200}');
  });
  try {
    const r = await openAndEnd([navi.url]);
    assert.deepEqual([r.end.ev, r.end.code], ['DISCONNECT', 35008]);
    assertEveryNonLoopbackRefused(r);
  } finally {
    await navi.close();
  }
});

test('hosts embedded in a token after @ are refused and counted before navigation', async () => {
  const navi = await naviServer(statusAnswer(401));
  try {
    const r = await openAndEnd([navi.url], 'abcdef=@navi-a.example.test;navi-b.example.test');
    const hosts = r.events.filter((e) => e.ev === 'REFUSED').map((e) => e.host);
    assert.ok(hosts.includes('navi-a.example.test'), JSON.stringify(hosts));
    assert.ok(hosts.includes('navi-b.example.test'), JSON.stringify(hosts));
    assert.equal(r.end.code, 31004);
    assertEveryNonLoopbackRefused(r);
  } finally {
    await navi.close();
  }
});

test('a navigation that names a silent socket server stays CONNECTING: the SDK has no connect timeout', async () => {
  const { WebSocketServer } = require('ws');
  const navi = await naviServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const port = navi.server.address().port;
    res.end(JSON.stringify({ code: 200, server: `127.0.0.1:${port}`, userId: 'u1', type: 0 }));
  });
  const sockets = [];
  const wss = new WebSocketServer({ server: navi.server });
  wss.on('connection', (s, req) => sockets.push(req.url));
  const driver = new DriverProcess();
  try {
    await driver.next((e) => e.ev === 'READY');
    driver.send({ cmd: 'open', id: 's1', appKey: 'test-app-key', navigators: [navi.url], token: 'tok-1' });
    await driver.next((e) => e.id === 's1' && e.ev === 'CONNECTING');
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(sockets.length, 1, 'the SDK opened its socket to the loopback server');
    assert.ok(!driver.of('s1').some((e) => e.ev === 'DISCONNECT' || e.ev === 'CONNECTED'));
    driver.send({ cmd: 'close', id: 's1' });
    await driver.next((e) => e.id === 's1' && e.ev === 'CLOSED');
  } finally {
    await driver.stop();
    wss.close();
    await navi.close();
  }
});
