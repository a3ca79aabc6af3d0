// Loads the real vendor Web SDK (@rongcloud/imlib-next + @rongcloud/engine) in plain Node. The
// SDK's browser runtime needs window, location, navigator, localStorage; its network goes through
// the exported `runtime` object (httpReq, createWebSocket), which is replaced here by a guard:
// a non-loopback URL is refused and counted before any DNS lookup; a loopback one is fetched.
// dns.lookup is also closed for every host name, so a path around the runtime fails and counts.
import dns from 'node:dns';
import { isLoopbackUrl, RefusalLog } from './loopback.mjs';

export async function loadSdk(refusalFile) {
  const refusals = new RefusalLog(refusalFile);
  const refuseLookup = (host, ...rest) => {
    const cb = rest.find((a) => typeof a === 'function');
    refusals.refuse('dns', host);
    const err = Object.assign(new Error(`loopback-only test: DNS lookup of ${host} refused`), { code: 'ENOTFOUND' });
    if (cb) process.nextTick(() => cb(err));
    else return Promise.reject(err);
  };
  dns.lookup = refuseLookup;
  dns.promises.lookup = refuseLookup;

  const store = new Map();
  const storage = {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, String(v)),
    removeItem: (k) => store.delete(k),
    clear: () => store.clear(),
    key: (i) => [...store.keys()][i] ?? null,
    get length() { return store.size; },
  };
  const target = new EventTarget();
  globalThis.window = globalThis;
  globalThis.location = new URL('http://127.0.0.1/');
  globalThis.addEventListener = target.addEventListener.bind(target);
  globalThis.removeEventListener = target.removeEventListener.bind(target);
  if (!globalThis.navigator) {
    globalThis.navigator = { userAgent: 'Mozilla/5.0 (node) nexconn-reporter-test', onLine: true, language: 'en' };
  }
  globalThis.localStorage = storage;
  globalThis.sessionStorage = storage;

  const engine = await import('@rongcloud/engine');
  const im = await import('@rongcloud/imlib-next');
  const runtime = engine.runtime;
  runtime.httpReq = async (req) => {
    let url = req.url;
    if (req.query) {
      const u = new URL(url);
      for (const [k, v] of Object.entries(req.query)) if (v != null) u.searchParams.set(k, String(v));
      url = u.toString();
    }
    if (!isLoopbackUrl(url)) {
      refusals.refuse('httpReq', url);
      return { status: 0 };
    }
    try {
      const body = req.body == null || typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const res = await fetch(url, { method: req.method || 'GET', headers: req.headers, body, signal: AbortSignal.timeout(req.timeout || 10000) });
      return { status: res.status, data: await res.text() };
    } catch (e) {
      return { status: 0 };
    }
  };
  runtime.createWebSocket = async (url) => {
    if (!isLoopbackUrl(url)) refusals.refuse('websocket', url);
    // No loopback IM server exists in these tests: the SDK gets "socket not created".
    return { code: engine.ErrorCode.RC_SOCKET_NOT_CREATED };
  };
  return { im, engine, refusals };
}
