// Taking over a data folder's claim left by an ended process, one start at a time: a guard folder (mkdir either
// makes it or fails, atomically) is held while the claim is read again, removed and made anew. Without it, of two
// starts that both read the ended claim, the second could remove the claim the first had just made, and both run.
import { mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { errorCode } from './fileAccess.ts';

/** A guard older than this was left by a start killed in the middle of a takeover (which takes milliseconds). */
const STALE_GUARD_MS = 10_000;

export type TakeoverResult = 'taken' | 'claimed meanwhile';

/**
 * Replaces `file`, which held `endedHolder` when read, by a claim of `mine`: 'claimed meanwhile' when another start
 * got there first (its guard is held, or the claim is no longer the ended one). Other failures are thrown.
 */
export function takeOverClaim(file: string, endedHolder: string, mine: string): TakeoverResult {
  const guard = `${file}.takeover`;
  if (!makeGuard(guard)) return 'claimed meanwhile';
  try {
    if (readOrEmpty(file) !== endedHolder) return 'claimed meanwhile';
    try {
      unlinkSync(file);
    } catch (problem) {
      if (errorCode(problem) !== 'ENOENT') throw problem;
    }
    // Exclusive still: a start that found no claim at all makes one without the guard.
    try {
      writeFileSync(file, mine, { flag: 'wx' });
    } catch (problem) {
      if (errorCode(problem) === 'EEXIST') return 'claimed meanwhile';
      throw problem;
    }
    return 'taken';
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
}

function makeGuard(guard: string): boolean {
  for (let tries = 0; tries < 2; tries++) {
    try {
      mkdirSync(guard);
      return true;
    } catch (problem) {
      if (errorCode(problem) !== 'EEXIST') throw problem;
      if (!isStale(guard)) return false;
      rmSync(guard, { recursive: true, force: true });
    }
  }
  return false;
}

function isStale(guard: string): boolean {
  try {
    return Date.now() - statSync(guard).mtimeMs > STALE_GUARD_MS;
  } catch {
    return true; // gone meanwhile: try again
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (problem) {
    if (errorCode(problem) === 'ENOENT') return '';
    throw problem;
  }
}
