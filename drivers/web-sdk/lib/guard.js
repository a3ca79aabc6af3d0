'use strict';
// Decides, before any DNS lookup, whether the SDK may reach a URL. Without production mode only
// IP literals in 127.0.0.0/8 and ::1 pass: a host name is never resolved, so a refused attempt
// costs no packet. Every refusal is counted per host so tests and the sidecar can see them.
const net = require('node:net');

function isLoopbackLiteral(host) {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (net.isIPv4(h)) {
    return h.split('.')[0] === '127';
  }
  if (net.isIPv6(h)) {
    return h === '::1' || h === '0:0:0:0:0:0:0:1';
  }
  return false;
}

class UrlGuard {
  /**
   * @param {{production?: boolean, allowHosts?: string[]}} options production: any host may be
   *   reached; allowHosts: exact host names (or IP literals) allowed besides loopback.
   */
  constructor(options = {}) {
    this.production = options.production === true;
    this.allowHosts = new Set((options.allowHosts || []).map((h) => String(h).toLowerCase()));
    this.refused = 0;
    this.refusedHosts = new Map();
    this.onRefused = null;
  }

  /** True when `url` may be reached; otherwise counts the refusal and returns false. */
  allows(url) {
    let host;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch (e) {
      host = '<invalid-url>';
    }
    if (this.production || isLoopbackLiteral(host) || this.allowHosts.has(host)) {
      return true;
    }
    this.refused++;
    this.refusedHosts.set(host, (this.refusedHosts.get(host) || 0) + 1);
    if (this.onRefused) {
      this.onRefused(host);
    }
    return false;
  }

  counts() {
    return { refused: this.refused, hosts: Object.fromEntries(this.refusedHosts) };
  }
}

module.exports = { UrlGuard, isLoopbackLiteral };
