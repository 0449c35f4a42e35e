// `npm start` → first 200 on a project as a start after the first finds it (the compiled server made at `npm
// install`, the certificates and the emulator's data made by the first start), against `npm run` of a bare Express
// 5 HTTPS server from the same folder: npm, Node and Express are the floor no app start can go below.
import https from 'node:https';
import type { BenchContext } from '../lib/context.ts';
import { projectCopy, runScript, startIn } from '../lib/projectCopy.ts';
import { median } from '../lib/stats.ts';
import { ms, type Row } from '../lib/table.ts';

const LIMIT_MS = 1000;
/** A first page slower than this is no start worth timing: the bench stops with the reason. */
const PAGE_TIMEOUT_MS = 30_000;

/** The baseline: listens as the app does, with the same certificate, and prints the line the timer waits for. */
const BARE_SERVER = `import { readFileSync } from 'node:fs';
import https from 'node:https';
import express from 'express';
const app = express().get('/', (_req, res) => res.send('ok'));
const tls = { key: readFileSync('certs/server.key'), cert: readFileSync('certs/server.crt') };
const server = https.createServer(tls, app).listen(0, '127.0.0.1', () => console.log('open https://localhost:' + server.address().port));
`;

/** The status of one GET, failing on a network error or silence. */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: PAGE_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(new Error(`${url} did not answer within ${PAGE_TIMEOUT_MS / 1000} s`)),
    );
    req.on('error', reject);
  });
}

/** Milliseconds from spawning `npm run <script>` to the first 200 on the URL it prints. */
async function firstOk(cwd: string, script: string): Promise<number> {
  const started = performance.now();
  const server = await startIn(cwd, ['npm', 'run', '--silent', script]);
  try {
    const status = await statusOf(`${server.url}/`);
    if (status !== 200) throw new Error(`npm run ${script}: ${server.url}/ answered ${status}`);
    return performance.now() - started;
  } finally {
    server.stop();
  }
}

export async function measureStartup(ctx: BenchContext): Promise<Row> {
  const copy = projectCopy(ctx.root, {
    scripts: { bare: 'node bare.mjs' },
    files: { 'bare.mjs': BARE_SERVER },
  });
  try {
    // As `npm install` leaves a fresh clone: the compiled server already made.
    await runScript(copy.cwd, 'postinstall');
    // Untimed: the first start makes the emulator's data, which every later start finds.
    await firstOk(copy.cwd, 'start');
    await firstOk(copy.cwd, 'bare');
    const app: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ctx.rounds + 1; i++) {
      app.push(await firstOk(copy.cwd, 'start'));
      bare.push(await firstOk(copy.cwd, 'bare'));
    }
    const figure = median(app);
    return {
      measure:
        '`npm start` → first 200 (a start after the first: compiled server, certificates and data in place)',
      figure: ms(figure),
      baseline: `\`npm run\` of a bare Express 5 HTTPS server: ${ms(median(bare))}`,
      ratio: figure / median(bare),
      goal: { figureMax: LIMIT_MS, text: '≤ 1 s' },
      figureValue: figure,
      unit: '×',
    };
  } finally {
    copy.remove();
  }
}
