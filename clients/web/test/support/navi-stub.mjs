// A stub of the SDK's navigation server on loopback. The mode is the first path segment of the
// navigator URL the SDK is given (http://127.0.0.1:PORT/<mode>); the SDK appends /v2/navi.json.
// Modes: 404, 500, 401, 403 answer that HTTP status; "empty" answers 200 without a server list.
import http from 'node:http';

export async function startNaviStub() {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      // Browsers call it cross-origin with SDK headers: answer the preflight like a real one.
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || '*' });
        res.end();
        return;
      }
      const mode = req.url.split('/')[1];
      requests.push({ mode, method: req.method, url: req.url, body });
      if (mode === 'empty') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"code":200}');
      } else {
        res.writeHead(Number(mode) || 404, { 'Content-Type': 'text/plain' });
        res.end('stub');
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, requests, close: () => new Promise((r) => server.close(r)) };
}

/** A loopback port that was just bound and released: connecting to it is refused. */
export async function closedPort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return port;
}
