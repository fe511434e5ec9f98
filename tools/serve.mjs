// The static file server for www/ on 127.0.0.1, with the MIME types the page needs
// (application/wasm for the module, so that instantiateStreaming works). Used by
// `./kashif serve`, the page tests (which read its request log) and the browser benchmark.
//
//   node tools/serve.mjs [ROOT] [PORT]                    (PORT 0 picks a free port)
//   const server = await startServer(root, port);         // { origin, port, requests, close() }
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.webmanifest', 'application/manifest+json'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.wasm', 'application/wasm'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.ts', 'text/plain; charset=utf-8'],
]);

export async function startServer(root, port = 0) {
  const base = path.resolve(root);
  /** Every request seen: `{ method, url, status }`. */
  const requests = [];

  const server = createServer(async (req, res) => {
    const record = { method: req.method, url: req.url, status: 0 };
    requests.push(record);
    const send = (status, headers, body) => {
      record.status = status;
      res.writeHead(status, { 'x-content-type-options': 'nosniff', ...headers });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }, 'method not allowed');
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      send(400, { 'content-type': 'text/plain; charset=utf-8' }, 'bad request');
      return;
    }
    let file = path.resolve(base, '.' + pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      send(403, { 'content-type': 'text/plain; charset=utf-8' }, 'forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      const type = MIME.get(path.extname(file).toLowerCase()) ?? 'application/octet-stream';
      send(200, { 'content-type': type, 'cache-control': 'no-store' }, req.method === 'HEAD' ? undefined : body);
    } catch {
      send(404, { 'content-type': 'text/plain; charset=utf-8' }, 'not found');
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The older shape, kept for tools/bench-browser.mjs: `{ url, port, close }`. */
export async function serve(root, port = 0) {
  const s = await startServer(root, port);
  return { url: `${s.origin}/`, port: s.port, close: s.close };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || 'www';
  const port = Number(process.argv[3] || process.env.PORT || 8080);
  startServer(root, port).then(
    ({ origin }) => console.log(`Kashif is at ${origin}/  (Ctrl-C to stop)`),
    (e) => {
      console.error(`kashif: cannot serve on 127.0.0.1:${port}: ${e.message}; pick another port: ./kashif serve PORT`);
      process.exit(1);
    },
  );
}
