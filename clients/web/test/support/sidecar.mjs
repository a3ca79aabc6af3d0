// The real sidecar: the built jar (NEXCONN_JAR, run with JAVA) started on loopback with an ingest
// API key, inside the same network namespace as the test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const API_KEY = 'web-reporter-key-0123456789abcdef';

export async function startSidecar({ rateLimit = { batchesPerSecond: 50, burst: 100 } } = {}) {
  const jar = process.env.NEXCONN_JAR;
  const java = process.env.JAVA || 'java';
  if (!jar || !fs.existsSync(jar)) throw new Error(`NEXCONN_JAR must name the built jar, got ${jar}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-reporter-sidecar-'));
  fs.writeFileSync(path.join(dir, 'api-keys'), `${API_KEY}\n`);
  fs.writeFileSync(path.join(dir, 'config.yaml'),
    `http: {host: 127.0.0.1, port: 0}\ningest:\n  apiKeysFile: ${path.join(dir, 'api-keys')}\n` +
    `  rateLimit: {batchesPerSecond: ${rateLimit.batchesPerSecond}, burst: ${rateLimit.burst}}\n`);
  const child = spawn(java, ['-Xmx256m', '-jar', jar, '--config', path.join(dir, 'config.yaml'), '--http-port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sidecar did not start in 60 s:\n${output}`)), 60000);
    const onData = (d) => {
      output += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`sidecar exited ${code}:\n${output}`)); });
  });
  child.removeAllListeners('exit');
  return {
    base,
    endpoint: `${base}/api/v1/events`,
    output: () => output,
    metrics: async () => (await fetch(`${base}/metrics`)).text(),
    summary: async () => (await fetch(`${base}/api/v1/summary`)).json(),
    stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }),
  };
}

/** Sum of the samples of `name` whose labels include every pair of `labels`. */
export function metric(text, name, labels = {}) {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!(rest.startsWith('{') || rest.startsWith(' '))) continue;
    if (Object.entries(labels).every(([k, v]) => rest.includes(`${k}="${v}"`))) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

export function delta(before, after, name, labels) {
  return metric(after, name, labels) - metric(before, name, labels);
}
