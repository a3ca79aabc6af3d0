'use strict';
// One probe: one worker thread, one JS realm, one SDK instance. Reports the SDK's connection
// events to the main thread and never lets the SDK retry on its own: on DISCONNECT or SUSPEND it
// reports and calls disconnect(), so the sidecar's engine decides when to connect again.
const { parentPort, workerData } = require('node:worker_threads');
const { UrlGuard } = require('./guard');
const browserEnv = require('./browser-env');

// Worker stdout is the driver's protocol channel and the SDK logs tokens: silence it all.
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  console[level] = () => {};
}

const guard = new UrlGuard({ production: workerData.production, allowHosts: workerData.allowHosts });
guard.onRefused = (host) => post({ ev: 'REFUSED', host, refused: guard.refused });
const hooks = workerData.webSocketModule ? { webSocket: require(workerData.webSocketModule) } : {};
browserEnv.install(guard, hooks);

const sdk = require(workerData.sdkModule || '@rongcloud/imlib-next');
let state = 'idle'; // idle | connecting | connected | closed
let initialized = false;

function post(msg) {
  parentPort.postMessage(msg);
}

function tearDown() {
  state = 'closed';
  Promise.resolve()
    .then(() => sdk.disconnect())
    .catch(() => {});
}

sdk.addEventListener(sdk.Events.CONNECTING, () => {
  if (state === 'connecting') post({ ev: 'CONNECTING' });
});
sdk.addEventListener(sdk.Events.CONNECTED, () => {
  // The connect() result carries the user id and is reported from there.
});
sdk.addEventListener(sdk.Events.DISCONNECT, (code) => {
  if (state === 'connecting' || state === 'connected') {
    post({ ev: 'DISCONNECT', code: Number(code) || 0 });
    tearDown();
  }
});
sdk.addEventListener(sdk.Events.SUSPEND, (code) => {
  if (state === 'connecting' || state === 'connected') {
    post({ ev: 'SUSPEND', code: Number(code) || 0 });
    tearDown();
  }
});

async function connect(msg) {
  if (!initialized) {
    sdk.init({ appkey: msg.appKey, navigators: msg.navigators, logOutputLevel: 1000 });
    initialized = true;
  }
  state = 'connecting';
  const result = await sdk.connect(msg.token);
  if (state !== 'connecting') {
    return;
  }
  if (result && result.code === 0) {
    state = 'connected';
    post({ ev: 'CONNECTED', userId: result.data && result.data.userId ? result.data.userId : '' });
  } else {
    // The SDK also fires DISCONNECT for a failed connect; this covers a result without the event.
    post({ ev: 'DISCONNECT', code: result ? Number(result.code) || 0 : 0 });
    tearDown();
  }
}

parentPort.on('message', (msg) => {
  switch (msg.cmd) {
    case 'open':
      connect(msg).catch((e) => {
        post({ ev: 'DISCONNECT', code: 0, error: e && e.name ? e.name : 'Error' });
        tearDown();
      });
      break;
    case 'ping':
      post({ ev: 'PONG', seq: msg.seq, state });
      break;
    case 'disconnect':
      tearDown();
      post({ ev: 'CLOSED' });
      break;
    case 'crash':
      setImmediate(() => {
        throw new Error('crash requested by a test command');
      });
      break;
    case 'hang':
      for (;;) {
        // Busy forever: only terminate() ends this, as it would a wedged SDK.
      }
    default:
      break;
  }
});

post({ ev: 'WORKER_READY' });
