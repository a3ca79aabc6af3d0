'use strict';
// A worker that crashes or hangs, bad commands and the probe limit, seen from the driver's stdout.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { DriverProcess, requireLoopbackOnly } = require('./support');

requireLoopbackOnly();

const FAKE = path.join(__dirname, 'fixtures', 'fake-sdk.js');
const open = (d, id, token = 'ok:u') =>
  d.send({ cmd: 'open', id, appKey: 'k', navigators: ['http://127.0.0.1:1'], token });

test('a crashed worker is reported with its probe id; the other probes live on', async () => {
  const d = new DriverProcess([`--sdk-module=${FAKE}`, '--test-commands']);
  try {
    open(d, 'a');
    open(d, 'b');
    await d.next((e) => e.id === 'a' && e.ev === 'CONNECTED');
    await d.next((e) => e.id === 'b' && e.ev === 'CONNECTED');
    d.send({ cmd: 'crash', id: 'a' });
    const exit = await d.next((e) => e.ev === 'WORKER_EXIT', 3000);
    assert.deepEqual([exit.id, exit.exitCode, exit.error], ['a', 1, 'Error']);
    d.send({ cmd: 'ping', id: 'b', seq: 2 });
    assert.equal((await d.next((e) => e.ev === 'PONG' && e.seq === 2)).state, 'connected');
    d.send({ cmd: 'health', seq: 3 });
    assert.equal((await d.next((e) => e.ev === 'HEALTH' && e.seq === 3)).probes, 1);
  } finally {
    await d.stop();
  }
});

test('a hung worker misses its pong, health still answers, close terminates it', async () => {
  const d = new DriverProcess([`--sdk-module=${FAKE}`, '--test-commands']);
  try {
    open(d, 'h');
    await d.next((e) => e.id === 'h' && e.ev === 'CONNECTED');
    d.send({ cmd: 'hang', id: 'h' });
    d.send({ cmd: 'ping', id: 'h', seq: 5 });
    await assert.rejects(d.next((e) => e.ev === 'PONG' && e.seq === 5, 1000));
    d.send({ cmd: 'health', seq: 6 });
    assert.equal((await d.next((e) => e.ev === 'HEALTH' && e.seq === 6, 1000)).probes, 1);
    const t0 = Date.now();
    d.send({ cmd: 'close', id: 'h' });
    await d.next((e) => e.id === 'h' && e.ev === 'CLOSED', 2000);
    assert.ok(Date.now() - t0 < 2000);
  } finally {
    await d.stop();
  }
});

test('an open beyond --max-probes is refused with DISCONNECT 30011 reason max-probes', async () => {
  const d = new DriverProcess([`--sdk-module=${FAKE}`, '--max-probes=1']);
  try {
    open(d, 'x1');
    await d.next((e) => e.id === 'x1' && e.ev === 'CONNECTED');
    open(d, 'x2');
    const refused = await d.next((e) => e.id === 'x2');
    assert.deepEqual([refused.ev, refused.code, refused.reason], ['DISCONNECT', 30011, 'max-probes']);
  } finally {
    await d.stop();
  }
});

test('bad commands get an ERROR naming the field; the driver keeps running', async () => {
  const d = new DriverProcess([`--sdk-module=${FAKE}`]);
  try {
    await d.next((e) => e.ev === 'READY');
    d.child.stdin.write('not json\n');
    assert.match((await d.next((e) => e.ev === 'ERROR')).message, /not JSON/);
    d.send({ cmd: 'open', id: 'q', appKey: 'k', navigators: ['http://127.0.0.1:1'] });
    assert.match((await d.next((e) => e.ev === 'ERROR' && e.id === 'q')).message, /token/);
    d.send({ cmd: 'crash', id: 'q', seq: 9 });
    assert.match((await d.next((e) => e.ev === 'ERROR' && e.seq === 9)).message, /--test-commands/);
    d.send({ cmd: 'health', seq: 10 });
    await d.next((e) => e.ev === 'HEALTH' && e.seq === 10);
  } finally {
    await d.stop();
  }
});

test('the driver exits when its stdin closes, taking its workers along', async () => {
  const d = new DriverProcess([`--sdk-module=${FAKE}`]);
  open(d, 'z');
  await d.next((e) => e.id === 'z' && e.ev === 'CONNECTED');
  d.child.stdin.end();
  const exit = await d.exited;
  assert.equal(exit.code, 0);
});
