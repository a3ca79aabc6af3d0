'use strict';
// Memory per probe: the driver's RSS with N real-SDK probes, each initialised and holding its
// socket to a silent loopback server (the SDK then waits: it has no connect timeout), against the
// RSS with none. Run as root in a loopback-only namespace:
//   unshare -n sh -c 'ip link set lo up && node bench/memory.js 1 5 20'
const { WebSocketServer } = require('ws');
const { DriverProcess, naviServer, requireLoopbackOnly } = require('../test/support');

requireLoopbackOnly();

async function rssWith(n) {
  const sockets = [];
  const navi = await naviServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 200, server: `127.0.0.1:${navi.server.address().port}`, userId: 'u', type: 0 }));
  });
  const wss = new WebSocketServer({ server: navi.server });
  wss.on('connection', (s) => sockets.push(s));
  const driver = new DriverProcess([`--max-probes=${Math.max(1, n)}`]);
  await driver.next((e) => e.ev === 'READY');
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    driver.send({ cmd: 'open', id: `p${i}`, appKey: 'bench-app-key', navigators: [navi.url], token: `token-${i}` });
  }
  while (sockets.length < n) await new Promise((r) => setTimeout(r, 50));
  const openMs = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 3000));
  const samples = [];
  for (let s = 0; s < 3; s++) {
    driver.send({ cmd: 'health', seq: s });
    samples.push((await driver.next((e) => e.ev === 'HEALTH' && e.seq === s)).rss);
    await new Promise((r) => setTimeout(r, 500));
  }
  await driver.stop();
  wss.close();
  await navi.close();
  return { rss: Math.max(...samples), openMs };
}

(async () => {
  const counts = process.argv.slice(2).map(Number);
  const base = await rssWith(0);
  const mb = (b) => (b / 1048576).toFixed(1);
  console.log(`probes=0 rssMB=${mb(base.rss)}`);
  for (const n of counts) {
    const r = await rssWith(n);
    console.log(
      `probes=${n} rssMB=${mb(r.rss)} perProbeMB=${mb((r.rss - base.rss) / n)} allSocketsOpenMs=${r.openMs}`,
    );
  }
})();
