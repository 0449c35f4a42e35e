// One process at a time across processes, with no lock service: a folder is the lock, since mkdir either creates
// it or fails, atomically. Used where two processes may make the same files at the same moment (certs.ts).
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isRunning } from './processes.ts';
import { setTimeout as sleep } from 'node:timers/promises';

/** Longer than any work done under a lock here takes: a lock this old was left by a process that died holding it. */
const STALE_LOCK_MS = 60_000;
const WAIT_STEP_MS = 50;

/** Runs `work` holding the lock folder `lock` (waiting while another process holds it), then removes the folder. */
export async function whileLocked<T>(lock: string, work: () => Promise<T>): Promise<T> {
  await take(lock);
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** After this long a start says what it waits for, rather than seeming to hang. */
const SAY_WAITING_AFTER_MS = 2_000;

async function take(lock: string): Promise<void> {
  const since = Date.now();
  let said = false;
  while (!tryMaking(lock)) {
    if (isStale(lock)) rmSync(lock, { recursive: true, force: true });
    else await sleep(WAIT_STEP_MS);
    if (!said && Date.now() - since > SAY_WAITING_AFTER_MS) {
      said = true;
      console.log(
        `Waiting for ${lock}, held by process ${holderOf(lock) ?? '?'} (another start making the same files); ` +
          `it is taken over after ${STALE_LOCK_MS / 1000} s if that process is stuck.`,
      );
    }
  }
}

function holderOf(lock: string): number | undefined {
  try {
    return Number(readFileSync(path.join(lock, 'pid'), 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

/** True when this process now holds the lock; false when another does. */
function tryMaking(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    // Its holder, so that a start after a Ctrl-C in the middle need not wait out STALE_LOCK_MS.
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    // Not left behind without a holder's pid: the next start would wait out STALE_LOCK_MS for nothing.
    rmSync(lock, { recursive: true, force: true });
    throw error;
  }
}

/** Left by a process that has ended, or older than any holder would keep it. */
function isStale(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    const holder = holderOf(lock);
    return holder !== undefined && holder > 0 && !isRunning(holder);
  } catch {
    return false; // released meanwhile, or its holder has not yet written its pid: look again shortly
  }
}
