// Connection-health reporter for Web apps that use the vendor's Web IM SDK (@rongcloud/imlib-next
// v5, which Nexconn's Web SDK is built on). It listens to the SDK's connection events and posts
// them to the nexconn-exporter sidecar's POST /api/v1/events in the format of docs/ingest.md.
//
// Guarantees (docs/reporters.md): batches by size and by time; a bounded queue whose drops are
// counted; one batch in flight at a time (events stay in order); retries with exponential backoff
// and jitter, honouring 429 + Retry-After; the same batchId on every retry of a batch; a flush
// with fetch keepalive when the page is hidden. It never reads the token or the user id: the
// SDK's connection events carry neither, and the sidecar refuses reports that carry them.

const RETRYABLE = (status) => status === 0 || status === 408 || status === 429 || status >= 500;
const WEB_EVENTS = ['CONNECTING', 'CONNECTED', 'DISCONNECT', 'SUSPEND'];
// fetch keepalive bodies share a 64 KiB budget per page; stay below it.
const KEEPALIVE_MAX_BYTES = 60 * 1024;

/** Default options; see reporter.d.ts for what each means. */
export const DEFAULTS = Object.freeze({
  maxBatchEvents: 50,
  flushIntervalMs: 5000,
  maxQueueEvents: 1000,
  retryBaseMs: 1000,
  retryMaxMs: 60000,
  requestTimeoutMs: 10000,
});

function randomId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  let s = '';
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function checkOptions(o) {
  const problems = [];
  if (typeof o.endpoint !== 'string' || o.endpoint === '') {
    problems.push('endpoint: the URL of the sidecar\'s POST /api/v1/events, e.g. "/nexconn-exporter/api/v1/events"');
  }
  if (typeof o.apiKey !== 'string' || o.apiKey.length < 16) {
    problems.push('apiKey: one of the sidecar\'s ingest API keys (at least 16 characters)');
  }
  if (typeof o.appVersion !== 'string' || !/^[A-Za-z0-9._+-]{1,32}$/.test(o.appVersion)) {
    problems.push('appVersion: 1-32 of letters, digits, . _ + -');
  }
  if (o.sdkVersion !== undefined && !/^[A-Za-z0-9._+-]{1,32}$/.test(String(o.sdkVersion))) {
    problems.push('sdkVersion: 1-32 of letters, digits, . _ + -');
  }
  for (const k of ['maxBatchEvents', 'flushIntervalMs', 'maxQueueEvents', 'retryBaseMs', 'retryMaxMs']) {
    if (!Number.isInteger(o[k]) || o[k] < 1) problems.push(`${k}: a positive integer`);
  }
  if (o.maxBatchEvents > 500) problems.push('maxBatchEvents: at most 500 (the sidecar\'s ingest.maxEventsPerBatch)');
  if (problems.length) throw new TypeError(`nexconn reporter: bad options: ${problems.join('; ')}`);
}

/**
 * Creates a reporter. Call attach(RongIMLib) after RongIMLib.init() and before connect().
 * @param {import('./reporter').ReporterOptions} options
 * @returns {import('./reporter').Reporter}
 */
export function createReporter(options) {
  const o = { ...DEFAULTS, ...options };
  checkOptions(o);
  const doFetch = o.fetch || globalThis.fetch.bind(globalThis);
  const now = o.now || Date.now;
  const random = o.random || Math.random;
  const newBatchId = o.newBatchId || randomId;
  const setT = o.setTimeout || globalThis.setTimeout.bind(globalThis);
  const clearT = o.clearTimeout || globalThis.clearTimeout.bind(globalThis);
  const app = { platform: 'web', appVersion: o.appVersion };
  if (o.sdkVersion !== undefined) app.sdkVersion = String(o.sdkVersion);

  const queue = [];
  let inFlight = null; // {batchId, events, dropped, attempts}
  let unreportedDrops = 0; // drops not yet carried by a batch (the envelope's `dropped`)
  let sending = false;
  let retryTimer = null;
  let flushTimer = null;
  let closed = false;
  const stats = { recorded: 0, dropped: 0, sentEvents: 0, sentBatches: 0, retries: 0, rateLimited: 0, rejectedBatches: 0, rejectedEvents: 0, duplicates: 0 };

  function record(event) {
    if (closed) return;
    stats.recorded++;
    queue.push(event);
    if (queue.length > o.maxQueueEvents) {
      // Drop the oldest: the newest events say what the connection is doing now.
      const n = queue.length - o.maxQueueEvents;
      queue.splice(0, n);
      stats.dropped += n;
      unreportedDrops += n;
      if (o.onDrop) o.onDrop(n, stats.dropped);
    }
    if (queue.length >= o.maxBatchEvents) pump();
    else armFlushTimer();
  }

  function armFlushTimer() {
    if (flushTimer === null && queue.length > 0) {
      flushTimer = setT(() => { flushTimer = null; pump(); }, o.flushIntervalMs);
    }
  }

  // A new batch carries the drops counted so far; every retry of it sends the same number, and the
  // sidecar counts it once per batchId.
  function newBatch() {
    const batch = { batchId: newBatchId(), events: queue.splice(0, o.maxBatchEvents), dropped: unreportedDrops, attempts: 0 };
    unreportedDrops = 0;
    return batch;
  }

  function nextBatch() {
    if (inFlight === null && queue.length > 0) inFlight = newBatch();
    return inFlight;
  }

  function body(batch) {
    const envelope = { batchId: batch.batchId, app, events: batch.events };
    if (batch.dropped > 0) envelope.dropped = batch.dropped;
    return JSON.stringify(envelope);
  }

  function backoff(attempts, retryAfterHeader) {
    const seconds = Number(retryAfterHeader);
    if (retryAfterHeader != null && Number.isFinite(seconds) && seconds >= 0) {
      return seconds * 1000 + Math.floor(random() * o.retryBaseMs);
    }
    const cap = Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** Math.min(attempts - 1, 20));
    return Math.floor(cap / 2 + random() * (cap / 2));
  }

  async function post(batch, keepalive) {
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = controller ? setT(() => controller.abort(), o.requestTimeoutMs) : null;
    try {
      const res = await doFetch(o.endpoint, {
        method: 'POST',
        headers: { Authorization: `Bearer ${o.apiKey}`, 'Content-Type': 'application/json' },
        body: body(batch),
        keepalive,
        credentials: 'omit',
        signal: controller ? controller.signal : undefined,
      });
      let json = null;
      try { json = await res.json(); } catch (e) { json = null; }
      return { status: res.status, retryAfter: res.headers.get('Retry-After'), json };
    } catch (e) {
      return { status: 0, retryAfter: null, json: null };
    } finally {
      if (timer !== null) clearT(timer);
    }
  }

  function settle(batch, r) {
    if (r.status === 202) {
      stats.sentBatches++;
      stats.sentEvents += batch.events.length;
      if (r.json && r.json.duplicate) stats.duplicates++;
      if (r.json && r.json.rejected) stats.rejectedEvents += r.json.rejected;
      return 'done';
    }
    if (RETRYABLE(r.status)) return 'retry';
    // 400/401/413/415: resending the same bytes cannot succeed; count it and move on. Its drop
    // count goes to the next batch.
    stats.rejectedBatches++;
    unreportedDrops += batch.dropped;
    if (o.onReject) o.onReject(r.status, r.json);
    return 'done';
  }

  async function pump() {
    if (sending || retryTimer !== null || closed) return;
    if (flushTimer !== null) { clearT(flushTimer); flushTimer = null; }
    sending = true;
    try {
      let batch;
      while ((batch = nextBatch()) !== null) {
        batch.attempts++;
        const r = await post(batch, false);
        if (settle(batch, r) === 'retry') {
          stats.retries++;
          if (r.status === 429) stats.rateLimited++;
          const delay = backoff(batch.attempts, r.status === 429 ? r.retryAfter : null);
          retryTimer = setT(() => { retryTimer = null; pump(); }, delay);
          return;
        }
        inFlight = null;
        if (queue.length < o.maxBatchEvents) break; // a partial batch waits for the timer
      }
    } finally {
      sending = false;
    }
    armFlushTimer();
  }

  /** Sends everything now with fetch keepalive, for a page that is being hidden or unloaded. */
  function flushOnHide() {
    if (retryTimer !== null) { clearT(retryTimer); retryTimer = null; }
    if (flushTimer !== null) { clearT(flushTimer); flushTimer = null; }
    const batches = [];
    if (inFlight !== null && !sending) { batches.push(inFlight); inFlight = null; }
    while (queue.length > 0) {
      batches.push(newBatch());
    }
    let budget = KEEPALIVE_MAX_BYTES;
    for (const b of batches) {
      const size = body(b).length;
      if (size > budget) { queue.unshift(...b.events); unreportedDrops += b.dropped; continue; } // kept for when the page returns
      budget -= size;
      b.attempts++;
      post(b, true).then((r) => {
        if (settle(b, r) === 'retry') { queue.unshift(...b.events); unreportedDrops += b.dropped; armFlushTimer(); }
      });
    }
  }

  function onVisibility() {
    if (globalThis.document && globalThis.document.visibilityState === 'hidden') flushOnHide();
  }

  if (globalThis.document && typeof globalThis.addEventListener === 'function') {
    globalThis.document.addEventListener('visibilitychange', onVisibility);
    globalThis.addEventListener('pagehide', flushOnHide);
  }

  function statusEvent(status, code) {
    const e = { type: 'status', at: now(), status };
    if (Number.isInteger(code) && code > 0 && code <= 99999) e.errorCode = code;
    return e;
  }

  return {
    attach(im) {
      if (!im || typeof im.addEventListener !== 'function' || !im.Events) {
        throw new TypeError('nexconn reporter: attach(RongIMLib) needs the SDK module (addEventListener, Events)');
      }
      const listeners = WEB_EVENTS.map((name) => {
        const fn = (code) => record(statusEvent(name, code));
        im.addEventListener(im.Events[name], fn);
        return [im.Events[name], fn];
      });
      return () => listeners.forEach(([ev, fn]) => im.removeEventListener(ev, fn));
    },
    status(name, errorCode) {
      if (!WEB_EVENTS.includes(name)) throw new TypeError(`nexconn reporter: status must be one of ${WEB_EVENTS.join(', ')}`);
      record(statusEvent(name, errorCode));
    },
    tokenRefresh(success) {
      record({ type: 'token_refresh', at: now(), outcome: success ? 'success' : 'failure' });
    },
    flush() { return pump(); },
    flushOnHide,
    stats() { return { ...stats, queued: queue.length + (inFlight ? inFlight.events.length : 0) }; },
    close() {
      closed = true;
      if (flushTimer !== null) clearT(flushTimer);
      if (retryTimer !== null) clearT(retryTimer);
      if (globalThis.document && typeof globalThis.removeEventListener === 'function') {
        globalThis.document.removeEventListener('visibilitychange', onVisibility);
        globalThis.removeEventListener('pagehide', flushOnHide);
      }
    },
  };
}
