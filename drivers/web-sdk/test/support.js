'use strict';
// Test fixtures: a driver child process with line-based event matching, and a stub navigation
// server on loopback. Every test file calls requireLoopbackOnly() first: the vendor SDK calls
// vendor hosts, so these tests run only where loopback is the only network (unshare -n).
const { spawn } = require('node:child_process');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const DRIVER = path.join(__dirname, '..', 'driver.js');

function requireLoopbackOnly() {
  const names = Object.keys(os.networkInterfaces());
  if (names.length !== 1 || names[0] !== 'lo') {
    throw new Error(
      `these tests must run in a network namespace with only loopback (found ${names.join(', ')}):` +
        " run `unshare -n sh -c 'ip link set lo up && node --test test/'` as root (npm test does)",
    );
  }
}

class DriverProcess {
  constructor(args = []) {
    this.events = [];
    this.waiters = [];
    this.stderr = '';
    this.child = spawn(process.execPath, [DRIVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      const ev = JSON.parse(line);
      this.events.push(ev);
      for (const w of [...this.waiters]) {
        if (w.match(ev)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve(ev);
        }
      }
    });
  }

  send(cmd) {
    this.child.stdin.write(JSON.stringify(cmd) + '\n');
  }

  /** The first event (already seen or coming) that matches, within `ms`. */
  next(match, ms = 5000, from = 0) {
    const seen = this.events.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { match, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`no matching event within ${ms} ms; events: ${JSON.stringify(this.events)}`));
      }, ms);
      this.waiters.push(w);
    });
  }

  of(id) {
    return this.events.filter((e) => e.id === id);
  }

  async stop() {
    this.child.stdin.end();
    const t = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(t);
  }
}

/** A navigation server on 127.0.0.1 port 0 whose answer `respond(req, res, body)` decides. */
async function naviServer(respond) {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, body, headers: req.headers });
      respond(req, res, body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { server, url, requests, close: () => new Promise((r) => server.close(r)) };
}

function isLoopbackHost(host) {
  return /^127\./.test(host) || host === '::1' || host === '[::1]';
}

module.exports = { DriverProcess, naviServer, requireLoopbackOnly, isLoopbackHost, DRIVER };
