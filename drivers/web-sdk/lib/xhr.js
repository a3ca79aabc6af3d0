'use strict';
// The part of the browser's XMLHttpRequest that the Web SDK uses (open, setRequestHeader, send,
// abort, readyState, status, responseText, onreadystatechange, onerror), on node:http(s). The SDK
// calls XMLHttpRequest directly for navigation and its config host, not only through
// runtime.httpReq, so the guard has to sit here. A refused URL fails like a network error
// (status 0) without a socket or a DNS lookup.
const http = require('node:http');
const https = require('node:https');

function xhrClass(guard) {
  return class GuardedXMLHttpRequest {
    constructor() {
      this.readyState = 0;
      this.status = 0;
      this.responseText = '';
      this.response = '';
      this.timeout = 0;
      this.upload = {};
      this.onreadystatechange = null;
      this.onerror = null;
      this.onload = null;
      this._headers = {};
      this._req = null;
      this._done = false;
    }

    open(method, url) {
      this._method = method || 'GET';
      this._url = url;
      this.readyState = 1;
    }

    setRequestHeader(name, value) {
      this._headers[name] = String(value);
    }

    getAllResponseHeaders() {
      return '';
    }

    send(body) {
      if (!guard.allows(this._url)) {
        setImmediate(() => this._fail());
        return;
      }
      const u = new URL(this._url);
      const lib = u.protocol === 'https:' ? https : http;
      const payload = body == null ? null : Buffer.from(String(body));
      const headers = { ...this._headers };
      if (payload) {
        headers['Content-Length'] = payload.length;
      }
      try {
        this._req = lib.request(u, { method: this._method, headers }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            if (this._done) {
              return;
            }
            this._done = true;
            this.status = res.statusCode;
            this.responseText = Buffer.concat(chunks).toString('utf8');
            this.response = this.responseText;
            this.readyState = 4;
            if (this.onreadystatechange) this.onreadystatechange();
            if (this.onload) this.onload();
          });
        });
        this._req.on('error', () => this._fail());
        if (this.timeout > 0) {
          this._req.setTimeout(this.timeout, () => this._req.destroy());
        }
        this._req.end(payload || undefined);
      } catch (e) {
        setImmediate(() => this._fail());
      }
    }

    abort() {
      if (this._req) {
        this._req.destroy();
      }
      this._done = true;
    }

    _fail() {
      if (this._done) {
        return;
      }
      this._done = true;
      this.status = 0;
      this.readyState = 4;
      if (this.onerror) this.onerror();
      if (this.onreadystatechange) this.onreadystatechange();
    }
  };
}

module.exports = { xhrClass };
