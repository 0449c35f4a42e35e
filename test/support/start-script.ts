// Runs server/start.js as `npm start` does, for the start-up tests: from a working folder of their own with the test
// keys, either left running (the test reads its output and stops it) or run to its exit with what it printed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeOptionsOf } from './npm-script.ts';
import { TEST_ROOT } from './stack.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(repo, 'server', 'start.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts server/start.js the way `npm start` does, from `cwd` (as another user when root gives `as`), and returns the child. */
export function startServer(
  cwd: string,
  env: Record<string, string>,
  as: { uid?: number; gid?: number } = {},
) {
  return spawn(process.execPath, [...nodeOptionsOf('start'), entry], {
    cwd,
    ...as,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts it and waits for its exit: the code and everything it printed. */
export async function runToExit(
  cwd: string,
  env: Record<string, string>,
  as: { uid?: number; gid?: number } = {},
): Promise<Run> {
  const child = startServer(cwd, env, as);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

/** Inside a describe: a working folder, made before its tests and removed after; read `folder.cwd` in a test. */
export function startFolder(): { cwd: string } {
  const folder = { cwd: '' };
  before(() => {
    folder.cwd = mkdtempSync(path.join(os.tmpdir(), 'sf-start-'));
    // Reuse the test keys so each start does not spend a second generating new ones.
    mkdirSync(path.join(folder.cwd, 'certs'));
    cpSync(path.join(TEST_ROOT, 'certs'), path.join(folder.cwd, 'certs'), { recursive: true });
  });
  after(() => rmSync(folder.cwd, { recursive: true, force: true }));
  return folder;
}
