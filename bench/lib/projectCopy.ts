// The project as a fresh clone is after `npm install` (the compiled server made, the certificates in place), copied
// to a temporary folder, and servers started there as `npm start` starts them: the start-up and memory measures.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv } from './children.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Long enough for a start on a busy machine; a server that never says where it listens fails the bench instead. */
const START_TIMEOUT_MS = 30_000;

/** Process groups started here and not yet stopped, and copies not yet removed: cleanUp ends them all. */
const running = new Set<number>();
const copies = new Set<string>();

export interface Started {
  url: string;
  pid: number;
  stop(): void;
}

/** A copy with `scripts` added to its package.json and `files` written into it; remove() deletes it. */
export function projectCopy(
  root: string,
  extra: { scripts?: Record<string, string>; files?: Record<string, string> } = {},
): { cwd: string; remove(): void } {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-copy-'));
  copies.add(cwd);
  const remove = () => {
    copies.delete(cwd);
    rmSync(cwd, { recursive: true, force: true });
  };
  try {
    for (const part of ['server', 'views', 'public'])
      cpSync(path.join(repo, part), path.join(cwd, part), { recursive: true });
    cpSync(path.join(root, 'certs'), path.join(cwd, 'certs'), { recursive: true });
    symlinkSync(path.join(repo, 'node_modules'), path.join(cwd, 'node_modules'), 'dir');
    for (const [name, text] of Object.entries(extra.files ?? {})) writeFileSync(path.join(cwd, name), text);
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    Object.assign(manifest.scripts, extra.scripts);
    writeFileSync(path.join(cwd, 'package.json'), JSON.stringify(manifest));
  } catch (error) {
    remove();
    throw error;
  }
  return { cwd, remove };
}

/**
 * Runs `command` in `cwd` (in a process group of its own, so npm's children stop with it) until it prints the
 * line `open https://localhost:<port>`: the URL a start prints. Free ports, a data folder inside the copy.
 */
export function startIn(cwd: string, command: string[]): Promise<Started> {
  const [program, ...args] = command;
  const child = spawn(program, args, {
    cwd,
    env: { ...benchEnv(), PORT: '0', EMULATOR_PORT: '0', EMULATOR_DATA_DIR: path.join(cwd, 'data') },
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  });
  const pid = child.pid as number;
  running.add(pid);
  const stop = () => {
    running.delete(pid);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone (it failed to start): nothing to stop.
    }
  };
  return new Promise<Started>((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      stop();
      reject(new Error(`${command.join(' ')} ${why}: ${output}`));
    };
    const timer = setTimeout(
      () => fail(`printed no URL within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = /open (https:\/\/localhost:\d+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', read);
      child.stdout.resume(); // what it prints later is not read, and must not fill the pipe
      resolve({ url, pid, stop });
    };
    child.stdout.on('data', read);
    child.on('error', (error) => fail(`could not run (${error.message})`));
    child.on('exit', (code) => fail(`exited with ${code}`));
  });
}

/** Runs `npm run <script>` in `cwd` to its end; its exit code must be 0. */
export function runScript(cwd: string, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd, env: benchEnv(), stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run ${script} exited with ${code}`)),
    );
  });
}

/** Resident memory of a process, as the kernel counts it. */
export function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** Ends every server still running from here and removes every copy (the bench was interrupted or failed). */
export function cleanUp(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
  for (const cwd of copies) rmSync(cwd, { recursive: true, force: true });
  copies.clear();
}
