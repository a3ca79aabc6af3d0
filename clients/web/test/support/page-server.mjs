// The loopback web server of the Chromium test: serves the page, the reporter and the SDK from
// node_modules, reverse-proxies /nexconn-exporter/* to the sidecar (same origin, as in production:
// the sidecar sends no CORS headers), and collects each frame's results.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' };

export async function startPageServer(root, sidecarBase) {
  const results = new Map();
  const reports = []; // bodies of every report that reached the sidecar through the proxy
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (process.env.PAGE_DEBUG) console.error('page-server', req.method, req.url);
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', async () => {
      if (url.pathname.startsWith('/results/')) {
        results.set(url.pathname.slice('/results/'.length), JSON.parse(body));
        res.writeHead(204).end();
        return;
      }
      if (url.pathname.startsWith('/nexconn-exporter/')) {
        const headers = { 'Content-Type': req.headers['content-type'] || '' };
        if (req.headers.authorization) headers.Authorization = req.headers.authorization;
        const upstream = await fetch(sidecarBase + url.pathname.slice('/nexconn-exporter'.length), { method: req.method, headers, body: req.method === 'POST' ? body : undefined });
        const text = await upstream.text();
        reports.push({ body, status: upstream.status, keepalive: req.headers['sec-fetch-mode'] });
        const out = { 'Content-Type': upstream.headers.get('content-type') || 'application/json' };
        if (upstream.headers.get('retry-after')) out['Retry-After'] = upstream.headers.get('retry-after');
        res.writeHead(upstream.status, out).end(text);
        return;
      }
      const rel = url.pathname.startsWith('/page/') ? path.join('test', url.pathname) : url.pathname;
      const file = path.normalize(path.join(root, rel));
      if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, results, reports, close: () => new Promise((r) => server.close(r)) };
}

/**
 * The proxy that the PAC file sends every non-loopback request to: it answers nothing, only
 * counts (HTTP requests and CONNECT tunnels alike) and closes the connection.
 */
export async function startRefusingProxy() {
  const attempts = [];
  const server = http.createServer((req, res) => {
    attempts.push({ kind: 'proxy', url: req.url });
    res.writeHead(403).end('loopback-only test');
  });
  server.on('connect', (req, socket) => {
    attempts.push({ kind: 'proxy-connect', url: req.url });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, attempts, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}
