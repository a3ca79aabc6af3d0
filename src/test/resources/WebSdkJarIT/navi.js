'use strict';
// Stub navigation server for WebSdkJarIT, started inside the test's loopback-only network
// namespace next to the sidecar. It logs every request (time, path, App Key header, token) as one
// JSON line, answers 404 (the SDK reports DISCONNECT 30007), and never answers a token that starts
// with "hang", so that probe stays connecting and its worker holds the link. It exits when its
// parent (the sidecar's JVM) is gone.
const fs = require('node:fs');
const http = require('node:http');

const [portFile, logFile] = process.argv.slice(2);
const held = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    const token = new URLSearchParams(body).get('token') || '';
    const line = { t: Date.now(), path: req.url.split('?')[0], appKey: req.headers['rc-appkey'] || '', token };
    fs.appendFileSync(logFile, JSON.stringify(line) + '\n');
    if (token.startsWith('hang')) {
      held.push(res);
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
});
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile + '.tmp', String(server.address().port));
  fs.renameSync(portFile + '.tmp', portFile);
});
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 250);
