// The baseline server: a bare Express 5 app over HTTPS with the playground's certificate, serving a page of the
// size the bench asks for (BENCH_PAGE_BYTES) and a trivial JSON answer. It counts the TLS handshakes it accepts.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import express from 'express';
import { answerStats } from '../lib/children.ts';

const certsDir = path.join(process.env.BENCH_ROOT ?? '.', 'certs');
const pageBytes = Number(process.env.BENCH_PAGE_BYTES ?? 10_000);
const [head, foot] = ['<!doctype html><html><body><p>', '</p></body></html>'];
const page = `${head}${'x'.repeat(Math.max(0, pageBytes - head.length - foot.length))}${foot}`;

const app = express();
// As the playground: no ETag (each of its pages differs by its CSRF token, so it never hashes one).
app.set('etag', false);
app.get('/', (_req, res) => {
  res.type('html').send(page);
});
app.get('/ping', (_req, res) => {
  res.json({ ok: true });
});

const server = https.createServer(
  {
    key: readFileSync(path.join(certsDir, 'server.key')),
    cert: readFileSync(path.join(certsDir, 'server.crt')),
  },
  app,
);
server.listen(0, '127.0.0.1');
await once(server, 'listening');
let handshakes = 0;
server.on('secureConnection', () => handshakes++);
answerStats(() => handshakes);
process.send?.({ type: 'ready', url: `https://localhost:${(server.address() as AddressInfo).port}` });
const shutdown = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, shutdown);
process.once('disconnect', shutdown);
