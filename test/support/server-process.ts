// Runs the server as its own process, as `npm start` / `npm run emulator` do (server/start.js), for tests that need a
// real exit.
import { spawn, type ChildProcessByStdio, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificates } from '../../server/certs.ts';
import { nodeOptionsOf } from './npm-script.ts';
import { TEST_ROOT } from './stack.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(repo, 'server', 'start.js');

export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly emulatorUrl: string;
  /** Empty when only the emulator runs. */
  readonly appUrl: string;
  stdout(): string;
  stderr(): string;
  /** Ctrl-C, then the exit code. */
  stop(): Promise<number | null>;
}

/** A throwaway working folder with the shared test certificates (making them once if needed). */
export async function serverFolder(): Promise<{ cwd: string; dataDir: string; remove(): void }> {
  await ensureCertificates(path.join(TEST_ROOT, 'certs'));
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'sf-process-'));
  cpSync(path.join(TEST_ROOT, 'certs'), path.join(cwd, 'certs'), { recursive: true });
  return {
    cwd,
    dataDir: path.join(cwd, 'data'),
    remove: () => rmSync(cwd, { recursive: true, force: true }),
  };
}

/**
 * A throwaway copy of the project to run its npm scripts in (server/, views/, public/, package.json, the shared
 * node_modules linked), for tests that edit its files or its .env.
 */
export async function projectFolder(): Promise<{ cwd: string; dataDir: string; remove(): void }> {
  const folder = await serverFolder();
  for (const part of ['server', 'views', 'public', 'package.json']) {
    cpSync(path.join(repo, part), path.join(folder.cwd, part), { recursive: true });
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(folder.cwd, 'node_modules'), 'dir');
  return folder;
}

/** Starts the server on free ports and waits until it has printed its welcome (or exited). */
export async function startServerProcess(
  cwd: string,
  env: Record<string, string>,
  options: { emulatorOnly?: boolean } = {},
): Promise<ServerProcess> {
  const args = options.emulatorOnly
    ? [...nodeOptionsOf('emulator'), entry, '--emulator-only']
    : [...nodeOptionsOf('start'), entry];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', EMULATOR_PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const { stdout, stderr, exited } = await untilWelcome(child);
  if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr()}`);
  return {
    child,
    emulatorUrl: /emulator \(not Salesforce\): (https:\/\/localhost:\d+)/.exec(stdout())?.[1] ?? '',
    appUrl: /playground: open (https:\/\/localhost:\d+)/.exec(stdout())?.[1] ?? '',
    stdout,
    stderr,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/** Collects a started server's output until it prints its welcome ("Press Ctrl-C") or exits. */
export async function untilWelcome(child: ChildProcessByStdio<null | Writable, Readable, Readable>): Promise<{
  stdout: () => string;
  stderr: () => string;
  exited: Promise<unknown[]>;
}> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit');
  while (!stdout.includes('Press Ctrl-C') && child.exitCode === null) {
    await Promise.race([once(child.stdout, 'data'), exited]);
  }
  return { stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits up to `ms` for every process of the group led by `pid` to end; says whether they did. */
export async function processGroupGone(pid: number, ms = 10_000): Promise<boolean> {
  for (let waited = 0; ; waited += 50) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true;
    }
    if (waited >= ms) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
