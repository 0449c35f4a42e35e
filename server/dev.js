// `npm run dev`: the server from its TypeScript sources (tsx) under Node's watch mode, restarting on every edit.
// Plain JavaScript, like start.js. .env is given to Node only when it exists: with `--env-file-if-exists` and no
// .env, Node 22's watch mode fails at start (it watches the missing file) and Node 24's crashes when stopped,
// leaving the server running (nodejs/node#57040 and its follow-ups).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import process from 'node:process';

const envFile = existsSync('.env') ? ['--env-file=.env'] : [];
const watched = spawn(
  process.execPath,
  [...envFile, '--watch', '--import', 'tsx', 'server/index.ts', '--dev', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
// A terminal's Ctrl-C reaches both processes; a process manager's SIGTERM reaches only this one: passed on, so
// the watcher stops its server either way, and this process ends with it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => watched.kill(signal));
}
// Its code, or as a shell reports a process ended by a signal.
watched.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
