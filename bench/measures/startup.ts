// `npm start` → first 200 on a project as `npm install` leaves it (the compiled server made), against `npm run` of a
// bare Express 5 HTTPS server from the same folder: npm, Node and Express are the floor no app start can go below.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../lib/context.ts';
import { median } from '../lib/stats.ts';
import { ms, type Row } from '../lib/table.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIMIT_MS = 1000;

/** The baseline: listens on a free port with the same certificate and prints the line the timer waits for. */
const BARE_SERVER = `import { readFileSync } from 'node:fs';
import https from 'node:https';
import express from 'express';
const app = express().get('/', (_req, res) => res.send('ok'));
const tls = { key: readFileSync('certs/server.key'), cert: readFileSync('certs/server.crt') };
const server = https.createServer(tls, app).listen(0, () => console.log('open https://localhost:' + server.address().port));
`;

/** Milliseconds from spawning `npm run <script>` to the first 200 on the URL it prints. */
async function firstOk(cwd: string, script: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', script], {
    cwd,
    env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', EMULATOR_DATA_DIR: path.join(cwd, 'data') },
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const found = /open (https:\/\/localhost:\d+)/.exec(output)?.[1];
        if (found) resolve(found);
      });
      child.on('exit', (code) => reject(new Error(`npm run ${script} exited with ${code}: ${output}`)));
    });
    await new Promise<void>((resolve, reject) => {
      https.get(`${url}/`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${url} → ${res.statusCode}`)),
        );
      });
    });
    return performance.now() - started;
  } finally {
    process.kill(-(child.pid as number), 'SIGKILL');
  }
}

export async function measureStartup(ctx: BenchContext): Promise<Row> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-start-'));
  try {
    for (const part of ['server', 'views', 'public'])
      cpSync(path.join(repo, part), path.join(cwd, part), { recursive: true });
    cpSync(path.join(ctx.root, 'certs'), path.join(cwd, 'certs'), { recursive: true });
    symlinkSync(path.join(repo, 'node_modules'), path.join(cwd, 'node_modules'), 'dir');
    writeFileSync(path.join(cwd, 'bare.mjs'), BARE_SERVER);
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    manifest.scripts.bare = 'node bare.mjs';
    writeFileSync(path.join(cwd, 'package.json'), JSON.stringify(manifest));
    // As `npm install` leaves a fresh clone: the compiled server already made.
    await new Promise((resolve) =>
      spawn('npm', ['run', '--silent', 'postinstall'], { cwd, stdio: 'ignore' }).on('exit', resolve),
    );
    const app: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ctx.rounds + 2; i++) {
      app.push(await firstOk(cwd, 'start'));
      bare.push(await firstOk(cwd, 'bare'));
    }
    const figure = median(app);
    return {
      measure: '`npm start` → first 200 (compiled server in place, as after `npm install`)',
      figure: ms(figure),
      baseline: `\`npm run\` of a bare Express 5 HTTPS server: ${ms(median(bare))}`,
      ratio: figure / median(bare),
      goal: { figureMax: LIMIT_MS, text: '≤ 1 s' },
      figureValue: figure,
      unit: '×',
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
