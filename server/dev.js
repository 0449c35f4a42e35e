// `npm run dev`: the server from its TypeScript sources (tsx) under Node's watch mode, restarting on every edit.
// Plain JavaScript, like start.js. .env is not given to Node here: its watch mode hands the values it read at its own
// start to every restart, so an edited .env would never count (and look like the shell's). index.ts reads it at each
// start instead (envFile.ts).
import { spawn } from 'node:child_process';
import os from 'node:os';
import process from 'node:process';
import { setInterval } from 'node:timers';

const watched = spawn(
  process.execPath,
  ['--watch', '--import', 'tsx', 'server/index.ts', '--dev', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
// A terminal's Ctrl-C reaches both processes; a process manager's SIGTERM reaches only this one: passed on, so
// the watcher stops its server either way, and this process ends with it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => watched.kill(signal));
}
// npm runs this under `sh -c`: a SIGTERM to npm alone ends npm and the shell, never this process (orphanWatch.ts).
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && watched.kill('SIGTERM'), 1_000).unref();
}
// Its code, or as a shell reports a process ended by a signal.
watched.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
