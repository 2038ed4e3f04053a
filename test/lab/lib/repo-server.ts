// Static HTTP server for the lab's package repository (Packages, Packages.gz and .debs). It is started
// inside the lab namespace, bound to the bridge address: nodes reach it, nothing outside does.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';

const [root, addr, port] = process.argv.slice(2);
if (!root || !addr || !port) {
  process.stderr.write('usage: repo-server.ts DIR ADDRESS PORT\n');
  process.exit(2);
}

const server = createServer((req, res) => {
  const url = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
  const rel = normalize(url).replace(/^(\.\.(\/|$))+/, '');
  const file = join(root, rel);
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    res.writeHead(200, { 'content-length': st.size, 'content-type': 'application/octet-stream' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    process.stdout.write(`${new Date().toISOString()} 200 ${req.socket.remoteAddress ?? '-'} ${url}\n`);
  } catch {
    res.writeHead(404).end();
    process.stdout.write(`${new Date().toISOString()} 404 ${req.socket.remoteAddress ?? '-'} ${url}\n`);
  }
});
server.listen(Number(port), addr, () => process.stdout.write(`serving ${root} on http://${addr}:${port}/\n`));
for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, () => server.close(() => process.exit(0)));
