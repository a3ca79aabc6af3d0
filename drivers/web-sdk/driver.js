#!/usr/bin/env node
'use strict';
// nexconn-exporter's Web SDK driver: the sidecar starts it, writes one JSON command per line on
// stdin and reads one JSON event per line on stdout (docs/protocol.md, "Web SDK driver protocol").
// Each probe runs in its own worker thread. stdout carries protocol lines only; stderr carries
// key=value diagnostics without tokens.
const path = require('node:path');
const readline = require('node:readline');
const { Worker } = require('node:worker_threads');

const PROTOCOL_VERSION = 1;

function parseArgs(argv) {
  const opts = { production: false, allowHosts: [], maxProbes: 20, testCommands: false };
  for (const arg of argv) {
    const [key, value] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    switch (key) {
      case '--production':
        opts.production = true;
        break;
      case '--allow-host':
        opts.allowHosts.push(value);
        break;
      case '--max-probes':
        opts.maxProbes = Number(value);
        break;
      case '--test-commands':
        opts.testCommands = true;
        break;
      case '--sdk-module':
        opts.sdkModule = path.resolve(value);
        break;
      case '--websocket-module':
        opts.webSocketModule = path.resolve(value);
        break;
      default:
        process.stderr.write(`event=driver_bad_argument argument=${JSON.stringify(key)}\n`);
        process.exit(2);
    }
  }
  if (!Number.isInteger(opts.maxProbes) || opts.maxProbes < 1) {
    process.stderr.write('event=driver_bad_argument argument=--max-probes reason="must be >= 1"\n');
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const probes = new Map(); // id -> {worker, refused, state}
let refusedTotal = 0;

function emit(msg) {
  process.stdout.write(JSON.stringify(msg) + '\n');
}

function fail(id, seq, message) {
  emit({ ev: 'ERROR', id, seq, message });
}

function open(msg) {
  const id = msg.id;
  if (probes.has(id)) {
    return fail(id, msg.seq, `probe ${id} is already open: close it first`);
  }
  if (probes.size >= opts.maxProbes) {
    return emit({ ev: 'DISCONNECT', id, code: 30011, reason: 'max-probes' });
  }
  const problems = [];
  if (typeof msg.appKey !== 'string' || msg.appKey === '') problems.push('appKey');
  if (!Array.isArray(msg.navigators) || msg.navigators.some((n) => typeof n !== 'string')) {
    problems.push('navigators');
  }
  if (typeof msg.token !== 'string' || msg.token === '') problems.push('token');
  if (problems.length > 0) {
    return fail(id, msg.seq, `open needs ${problems.join(', ')} (non-empty strings)`);
  }
  const worker = new Worker(path.join(__dirname, 'lib', 'worker.js'), {
    workerData: {
      production: opts.production,
      allowHosts: opts.allowHosts,
      sdkModule: opts.sdkModule,
      webSocketModule: opts.webSocketModule,
    },
    stdout: true,
    stderr: true,
  });
  // The SDK's own output may hold tokens: read and dropped, never forwarded.
  worker.stdout.resume();
  worker.stderr.resume();
  const probe = { worker, refused: 0, hosts: {}, ended: false };
  probes.set(id, probe);
  worker.on('message', (m) => {
    if (m.ev === 'REFUSED') {
      probe.refused++;
      refusedTotal++;
      probe.hosts[m.host] = (probe.hosts[m.host] || 0) + 1;
      emit({ ev: 'REFUSED', id, host: m.host, count: probe.refused });
    } else if (m.ev !== 'WORKER_READY' && m.ev !== 'CLOSED') {
      emit({ ...m, id });
    }
  });
  worker.on('error', (e) => {
    probe.error = e && e.name ? e.name : 'Error';
  });
  worker.on('exit', (code) => {
    probes.delete(id);
    if (!probe.ended) {
      emit({ ev: 'WORKER_EXIT', id, exitCode: code, error: probe.error || 'exited' });
    }
  });
  worker.postMessage({
    cmd: 'open',
    appKey: msg.appKey,
    navigators: msg.navigators,
    token: msg.token,
  });
}

function close(msg) {
  const probe = probes.get(msg.id);
  if (!probe) {
    return emit({ ev: 'CLOSED', id: msg.id });
  }
  probe.ended = true;
  probe.worker.postMessage({ cmd: 'disconnect' });
  // terminate() also ends a worker wedged in a busy loop.
  const t = setTimeout(() => probe.worker.terminate(), 200);
  probe.worker.once('exit', () => {
    clearTimeout(t);
    emit({ ev: 'CLOSED', id: msg.id, refused: probe.refused });
  });
}

function health(msg) {
  const refused = {};
  for (const [id, p] of probes) refused[id] = { count: p.refused, hosts: p.hosts };
  emit({
    ev: 'HEALTH',
    seq: msg.seq,
    probes: probes.size,
    rss: process.memoryUsage().rss,
    refusedTotal,
    refused,
  });
}

function handle(line) {
  if (line.trim() === '') return;
  let msg;
  try {
    msg = JSON.parse(line);
  } catch (e) {
    return fail(undefined, undefined, 'command is not JSON: send one JSON object per line');
  }
  if (msg === null || typeof msg !== 'object' || typeof msg.cmd !== 'string') {
    return fail(undefined, undefined, "command needs a string field 'cmd'");
  }
  const needsId = ['open', 'close', 'ping', 'crash', 'hang'].includes(msg.cmd);
  if (needsId && (typeof msg.id !== 'string' || msg.id === '')) {
    return fail(undefined, msg.seq, `command '${msg.cmd}' needs a string field 'id'`);
  }
  switch (msg.cmd) {
    case 'open':
      return open(msg);
    case 'close':
      return close(msg);
    case 'ping': {
      const probe = probes.get(msg.id);
      if (!probe) return fail(msg.id, msg.seq, `no open probe ${msg.id}`);
      return probe.worker.postMessage({ cmd: 'ping', seq: msg.seq });
    }
    case 'health':
      return health(msg);
    case 'crash':
    case 'hang': {
      const probe = opts.testCommands ? probes.get(msg.id) : undefined;
      if (!probe) return fail(msg.id, msg.seq, `'${msg.cmd}' needs --test-commands and an open probe`);
      return probe.worker.postMessage({ cmd: msg.cmd });
    }
    case 'exit':
      if (!opts.testCommands) return fail(undefined, msg.seq, "'exit' needs --test-commands");
      return process.exit(3);
    default:
      return fail(msg.id, msg.seq, `unknown cmd '${String(msg.cmd).slice(0, 32)}': expected open, close, ping or health`);
  }
}

readline.createInterface({ input: process.stdin }).on('line', handle).on('close', () => {
  // The sidecar went away: nothing may outlive it.
  process.exit(0);
});

emit({
  ev: 'READY',
  version: PROTOCOL_VERSION,
  node: process.version,
  sdk: JSON.parse(
    require('node:fs').readFileSync(path.join(__dirname, 'node_modules/@rongcloud/imlib-next/package.json'), 'utf8'),
  ).version,
  production: opts.production,
  maxProbes: opts.maxProbes,
});
