// Redirect flows wait for their callback under a per-attempt key; the state that comes back finds its attempt,
// and a state seen before marks a replayed callback (Back, Reload, a bookmark) rather than a forgery.
import { createHash } from 'node:crypto';
import type { Attempt, Fault } from '../attempts/attempt.ts';
import { constantTimeEqual } from './checks.ts';

/** What every redirect flow keeps while it waits (each flow module adds its own fields). */
export interface Transaction {
  flow: string;
  state: string;
  createdAt: number;
  /** The browser that started it (its CSRF cookie): only its own pending logins survive a sign-in elsewhere. */
  browser?: string;
  /** The record of the attempt that started it, so its callback finishes that one (a login in another tab too). */
  attempt?: Attempt;
}

/** A login left unfinished for longer than this is forgotten. */
export const TRANSACTION_LIFETIME_MS = 15 * 60 * 1000;
/** How many used states are remembered (as digests) to recognise a replay. */
const MAX_USED = 10;

/** What a callback brings to its flow: the transaction its state found, or whether that state was used before. */
export interface CallbackMatch<T extends Transaction> {
  transaction?: T;
  replayed: boolean;
  /** The switches of the attempt the callback finishes: a tampered state finds no transaction to carry them. */
  faults?: readonly Fault[];
  /** The state is one this session sent, for a login it stopped waiting for (TRANSACTION_LIFETIME_MS). */
  expired?: boolean;
  /** The state is one of a login this browser started, which a logout of its ended since. */
  loggedOut?: LoggedOutLogin;
}

/** Which login a logout ended: one still at Salesforce, or one whose callback had come already. */
export type LoggedOutLogin = 'waiting' | 'answered';

export interface Lookup<T extends Transaction> {
  found?: T;
  /** The state came back to a callback of this session before. */
  replayed: boolean;
  /** The state belongs to a login of this session left waiting too long: said as such, not as a mismatch. */
  expired: boolean;
  /** What stays waiting: the found transaction is gone before anything else is checked. */
  remaining: Record<string, Transaction>;
  /** Digests of used states, the returned one added. */
  used: string[];
}

/**
 * Finds the waiting transaction of `flow` whose state equals the returned one (compared in constant time) and
 * leaves it out of `remaining`, so a replayed callback finds nothing. Expired transactions are dropped on the way.
 */
export function takeTransaction<T extends Transaction>(
  waiting: Readonly<Record<string, Transaction>>,
  used: readonly string[],
  flow: T['flow'],
  returnedState: string | undefined,
  nowMs: number,
): Lookup<T> {
  const remaining: Record<string, Transaction> = {};
  let found: T | undefined;
  let expired = false;
  for (const [id, transaction] of Object.entries(waiting)) {
    const matches =
      !found &&
      transaction.flow === flow &&
      returnedState !== undefined &&
      constantTimeEqual(transaction.state, returnedState);
    // Dropped on the way; the callback of one that matches is told it came too late, not that it is unknown.
    if (nowMs - transaction.createdAt >= TRANSACTION_LIFETIME_MS) expired ||= matches;
    else if (matches) found = transaction as T;
    else remaining[id] = transaction;
  }
  const digest = returnedState === undefined ? undefined : stateDigest(returnedState);
  const replayed = !found && digest !== undefined && used.includes(digest);
  // Every state answered once is remembered, matched or not: the same answer again (Back to Salesforce's authorize
  // page, which sends it anew) is then a replay, a tampered state's too, and never mistaken for a new callback.
  const nowUsed = digest && !replayed ? [...used, digest].slice(-MAX_USED) : [...used];
  return { found, replayed, expired, remaining, used: nowUsed };
}

/** Only a digest of a used state is kept: enough to recognise it, useless to anyone who reads the session. */
export function stateDigest(state: string): string {
  return createHash('sha256').update(state).digest('base64url').slice(0, 22);
}
