// A data folder's claim (in-use.pid): taken over from an ended process one start at a time, since a guard folder
// (mkdir either makes it or fails, atomically) is held while the claim is read again, removed and made anew; and
// checked before each write, made again if the folder was removed while the emulator ran.
import { mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorCode } from './fileAccess.ts';

export const CLAIM_FILE = 'in-use.pid';

/** The claims this process holds: claim file → the id written in it. */
const held = new Map<string, string>();

export function holdClaim(file: string, mine: string): void {
  held.set(file, mine);
}

export function dropClaim(file: string): void {
  held.delete(file);
}

/** Claims found taken by another process, each said once. */
const told = new Set<string>();

/**
 * Before each write into `dir`: its claim is made again if it went away (the folder removed by hand while the
 * emulator ran, then made again by this write), so that a second start cannot take the folder; one that has taken it
 * meanwhile is said, once, as the two would overwrite each other's data.
 */
export function checkClaim(dir: string): void {
  const file = path.join(dir, CLAIM_FILE);
  const mine = held.get(file);
  if (!mine) return;
  let holder: string;
  try {
    // Read first: the claim is there at nearly every write, where a failed exclusive create would cost an exception.
    holder = readOrEmpty(file);
    if (holder === '') {
      writeFileSync(file, mine, { flag: 'wx' });
      return;
    }
  } catch {
    return; // unreadable, or made by another start between the two calls (said at the next write): no write stops
  }
  if (holder === mine || told.has(`${file} ${holder}`)) return;
  told.add(`${file} ${holder}`);
  console.error(
    `[emulator] ${dir} was removed while this emulator ran, and process ${holder} has claimed it since: stop one of them, or each overwrites the other's tokens and records.`,
  );
}

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
