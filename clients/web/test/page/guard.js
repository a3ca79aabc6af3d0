// Loopback-only guard for a page realm, loaded before the vendor SDK: fetch, XMLHttpRequest,
// WebSocket and sendBeacon refuse every URL whose host is not an IP literal in 127.0.0.0/8 or
// ::1, before any network or DNS activity, and count the attempt in window.__refused.
(function () {
  var refused = [];
  window.__refused = refused;
  function ok(u) {
    try {
      var h = new URL(String(u), location.href).hostname.replace(/^\[|\]$/g, '');
      return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1';
    } catch (e) {
      return false;
    }
  }
  function refuse(kind, url) { refused.push({ kind: kind, url: String(url) }); }
  var origFetch = window.fetch;
  window.fetch = function (input, init) {
    var u = typeof input === 'string' || input instanceof URL ? input : input.url;
    if (!ok(u)) { refuse('fetch', u); return Promise.reject(new TypeError('loopback-only test: refused ' + u)); }
    return origFetch.call(this, input, init);
  };
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__refusedUrl = ok(url) ? null : String(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__refusedUrl === null || this.__refusedUrl === undefined) return send.apply(this, arguments);
    refuse('xhr', this.__refusedUrl);
    var xhr = this;
    // Behave like a network error: readyState 4, status 0, then error and loadend.
    Object.defineProperty(xhr, 'readyState', { value: 4 });
    Object.defineProperty(xhr, 'status', { value: 0 });
    setTimeout(function () {
      xhr.dispatchEvent(new Event('readystatechange'));
      xhr.dispatchEvent(new ProgressEvent('error'));
      xhr.dispatchEvent(new ProgressEvent('loadend'));
    }, 0);
  };
  var OrigWebSocket = window.WebSocket;
  window.WebSocket = function (url, protocols) {
    if (!ok(url)) { refuse('websocket', url); url = 'ws://127.0.0.1:9/refused-by-guard'; }
    return new OrigWebSocket(url, protocols);
  };
  window.WebSocket.prototype = OrigWebSocket.prototype;
  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (k) { window.WebSocket[k] = OrigWebSocket[k]; });
  if (navigator.sendBeacon) {
    var beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = function (url, data) {
      if (!ok(url)) { refuse('beacon', url); return false; }
      return beacon(url, data);
    };
  }
})();
