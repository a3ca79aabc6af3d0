'use strict';
// The browser globals the Web SDK reads under plain Node (window, navigator, localStorage,
// sessionStorage, XMLHttpRequest, WebSocket), each network path behind the UrlGuard. Installed
// once per worker thread: every worker is its own JS realm with its own SDK instance.
const { xhrClass } = require('./xhr');

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (k) => (items.has(String(k)) ? items.get(String(k)) : null),
    setItem: (k, v) => items.set(String(k), String(v)),
    removeItem: (k) => items.delete(String(k)),
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
}

/**
 * @param {import('./guard').UrlGuard} guard
 * @param {{webSocket?: Function}} hooks webSocket: a class used instead of the `ws` package (tests)
 */
function install(guard, hooks = {}) {
  const storage = memoryStorage();
  const session = memoryStorage();
  const BaseSocket = hooks.webSocket || require('ws');
  class GuardedWebSocket extends BaseSocket {
    constructor(url, protocols) {
      if (!guard.allows(url)) {
        // Thrown before any socket exists; the SDK turns it into a failed connect.
        throw new Error('refused by the driver: not a loopback URL and not in allowHosts');
      }
      super(url, protocols);
    }
  }
  const env = {
    window: {
      addEventListener() {},
      removeEventListener() {},
      // The SDK takes the page's protocol for navigator URLs without one; http keeps them as given.
      location: { protocol: 'http:', href: 'http://localhost/' },
    },
    navigator: { userAgent: `Node.js/${process.version} nexconn-web-sdk-driver`, onLine: true },
    localStorage: storage,
    sessionStorage: session,
    XMLHttpRequest: xhrClass(guard),
    WebSocket: GuardedWebSocket,
  };
  for (const [name, value] of Object.entries(env)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  return env;
}

module.exports = { install, memoryStorage };
