// The reporter's delivery rules against the real sidecar jar: batching by size and by time, 429 +
// Retry-After, retries with backoff while the sidecar is unreachable, the same batchId on every
// retry (so a lost answer is counted once), and the bounded queue. /metrics must move by exactly
// what was sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSidecar, API_KEY, delta } from './support/sidecar.mjs';
import { closedPort } from './support/navi-stub.mjs';
import { createReporter } from '../src/reporter.js';

let sidecar;
let limited;
before(async () => {
  [sidecar, limited] = await Promise.all([startSidecar(), startSidecar({ rateLimit: { batchesPerSecond: 1, burst: 1 } })]);
});
after(async () => {
  await Promise.all([sidecar?.stop(), limited?.stop()]);
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(check, ms = 15000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

/** A fetch that logs every attempt (batchId, answer) and can be steered per attempt. */
function recordingFetch(steer = async (url, init, real) => real(url, init)) {
  const attempts = [];
  const f = async (url, init) => {
    const entry = { batchId: JSON.parse(init.body).batchId, size: JSON.parse(init.body).events.length, at: Date.now(), status: null };
    attempts.push(entry);
    try {
      const res = await steer(url, init, (u, i) => fetch(u, i), attempts.length);
      entry.status = res.status;
      return res;
    } catch (e) {
      entry.status = 'error';
      throw e;
    }
  };
  return { fetch: f, attempts };
}

const opts = (endpoint, extra) => ({ endpoint, apiKey: API_KEY, appVersion: 'delivery-1', retryBaseMs: 100, retryMaxMs: 1000, ...extra });

test('bad options are refused with the option named', () => {
  assert.throws(() => createReporter({ endpoint: '', apiKey: 'short', appVersion: 'x y' }), /endpoint: .*apiKey: .*appVersion: /);
  assert.throws(() => createReporter(opts('http://127.0.0.1:1/', { maxBatchEvents: 501 })), /maxBatchEvents: at most 500/);
});

test('batches by size at once, and a partial batch after flushIntervalMs', async () => {
  const rec = recordingFetch();
  const before = await sidecar.metrics();
  const r = createReporter(opts(sidecar.endpoint, { maxBatchEvents: 3, flushIntervalMs: 400, fetch: rec.fetch }));
  const t0 = Date.now();
  for (let i = 0; i < 7; i++) r.status(i % 2 ? 'CONNECTED' : 'CONNECTING');
  await until(() => r.stats().sentEvents === 7);
  assert.deepEqual(rec.attempts.map((a) => a.size), [3, 3, 1]);
  assert.ok(rec.attempts[1].at - t0 < 300, 'full batches go out at once');
  assert.ok(rec.attempts[2].at - t0 >= 380, `the partial batch waits for the timer (${rec.attempts[2].at - t0} ms)`);
  const afterText = await sidecar.metrics();
  assert.equal(delta(before, afterText, 'nexconn_ingest_events_total', { endpoint: 'events', outcome: 'accepted' }), 7);
  assert.equal(delta(before, afterText, 'nexconn_ingest_batches_total', { endpoint: 'events', outcome: 'accepted' }), 3);
  r.close();
});

test('429: waits Retry-After, resends the same batchId, everything is counted once', async () => {
  const rec = recordingFetch();
  const before = await limited.metrics();
  const r = createReporter(opts(limited.endpoint, { maxBatchEvents: 1, fetch: rec.fetch }));
  r.status('CONNECTING');
  r.status('CONNECTED');
  r.status('DISCONNECT', 31010);
  await until(() => r.stats().sentEvents === 3, 20000);
  const limitedAttempts = rec.attempts.filter((a) => a.status === 429);
  assert.ok(limitedAttempts.length >= 1, JSON.stringify(rec.attempts));
  for (const a of limitedAttempts) {
    const next = rec.attempts.find((b) => b.at > a.at && b.batchId === a.batchId);
    assert.ok(next, `batch ${a.batchId} was retried with the same id`);
    assert.ok(next.at - a.at >= 900, `the retry waited Retry-After (${next.at - a.at} ms)`);
  }
  assert.equal(new Set(rec.attempts.map((a) => a.batchId)).size, 3, 'three batches, whatever the retries');
  assert.equal(r.stats().rateLimited, limitedAttempts.length);
  const afterText = await limited.metrics();
  assert.equal(delta(before, afterText, 'nexconn_ingest_batches_total', { outcome: 'rejected', reason: 'rate_limited' }), limitedAttempts.length);
  assert.equal(delta(before, afterText, 'nexconn_ingest_events_total', { endpoint: 'events', outcome: 'accepted' }), 3);
  assert.equal(delta(before, afterText, 'nexconn_connection_status_transitions_total', { source: 'sdk', platform: 'web', to: 'kicked_offline_by_other_client' }), 1);
  r.close();
});

test('a lost answer: the retry carries the same batchId and the sidecar counts it once (duplicate)', async () => {
  const rec = recordingFetch(async (url, init, real, n) => {
    const res = await real(url, init);
    if (n === 1) throw new TypeError('answer lost on the way back');
    return res;
  });
  const before = await sidecar.metrics();
  const r = createReporter(opts(sidecar.endpoint, { fetch: rec.fetch, flushIntervalMs: 50 }));
  r.status('CONNECTING');
  r.status('DISCONNECT', 31020);
  await until(() => r.stats().sentEvents === 2);
  assert.equal(rec.attempts.length, 2);
  assert.equal(rec.attempts[0].batchId, rec.attempts[1].batchId);
  assert.equal(r.stats().duplicates, 1);
  const afterText = await sidecar.metrics();
  assert.equal(delta(before, afterText, 'nexconn_ingest_batches_total', { endpoint: 'events', outcome: 'duplicate' }), 1);
  assert.equal(delta(before, afterText, 'nexconn_ingest_batches_total', { endpoint: 'events', outcome: 'accepted' }), 1);
  assert.equal(delta(before, afterText, 'nexconn_ingest_events_total', { endpoint: 'events', outcome: 'accepted' }), 2);
  assert.equal(delta(before, afterText, 'nexconn_token_failures_total', { source: 'sdk', reason: 'expired' }), 1);
  r.close();
});

test('sidecar unreachable: backoff grows, the queue bound drops the oldest and counts them, the rest arrives once', async () => {
  const dead = `http://127.0.0.1:${await closedPort()}/api/v1/events`;
  let down = true;
  const rec = recordingFetch((url, init, real) => real(down ? dead : url, init));
  const drops = [];
  const before = await sidecar.metrics();
  const r = createReporter(opts(sidecar.endpoint, { fetch: rec.fetch, maxBatchEvents: 2, maxQueueEvents: 5, flushIntervalMs: 50, onDrop: (n, total) => drops.push([n, total]) }));
  for (let i = 0; i < 10; i++) r.status(i % 2 ? 'SUSPEND' : 'CONNECTING', i % 2 ? 30011 : undefined);
  await until(() => rec.attempts.length >= 4);
  const gaps = rec.attempts.slice(1, 4).map((a, i) => a.at - rec.attempts[i].at);
  assert.ok(gaps[2] > gaps[0], `backoff grows: ${gaps}`);
  assert.equal(new Set(rec.attempts.map((a) => a.batchId)).size, 1, 'the same batch is retried');
  assert.equal(r.stats().dropped, 3);
  assert.equal(drops.at(-1)[1], 3);
  down = false;
  await until(() => r.stats().queued === 0, 20000);
  assert.equal(r.stats().sentEvents, 7);
  const afterText = await sidecar.metrics();
  assert.equal(delta(before, afterText, 'nexconn_ingest_events_total', { endpoint: 'events', outcome: 'accepted' }), 7);
  assert.equal(delta(before, afterText, 'nexconn_ingest_batches_total', { endpoint: 'events', outcome: 'duplicate' }), 0);
  // The drops reach the sidecar in the next batch's `dropped` field, counted once.
  assert.equal(delta(before, afterText, 'nexconn_ingest_reporter_dropped_events_total', { endpoint: 'events' }), 3);
  r.close();
});
