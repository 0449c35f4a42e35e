// Redirect flows' logins waiting at Salesforce, kept in the visitor's session (and this process's pending logins)
// until their callback: each with the attempt that started it, taken out (once) by the state that comes back.
import type { Request } from 'express';
import type { Attempt, FlowName } from '../attempts/attempt.ts';
import { takeTransaction, type CallbackMatch, type Transaction } from '../flows/transactions.ts';
import { attemptFor } from './attemptSession.ts';
import { loggedOutLogin, rememberMatched } from './loggedOutLogins.ts';
import { browserOf } from './loginSession.ts';
import type { PendingLogins } from './pendingLogins.ts';
import { dropStartMark, keepStartMark, startMark } from './startMarks.ts';

declare module 'express-session' {
  interface SessionData {
    /** Redirect flows waiting for their callback, keyed by attempt id. */
    transactions?: Record<string, Transaction>;
    /** Digests of states that already came back to a callback: a replay is recognised, and refused as one. */
    usedStates?: string[];
  }
}

const MAX_TRANSACTIONS = 5;

/**
 * Keeps a login that leaves for Salesforce, with its attempt and browser: in the session (the oldest give way past
 * five) and in this process's pending logins, where a session saved at the same moment by another tab cannot drop it.
 */
export function saveTransaction(
  req: Request,
  attempt: Attempt,
  transaction: Transaction,
  pending: PendingLogins,
): void {
  const kept = { ...transaction, browser: browserOf(req), attempt };
  const entries = Object.entries({ ...req.session.transactions, [attempt.id]: kept });
  req.session.transactions = Object.fromEntries(entries.slice(-MAX_TRANSACTIONS));
  // Without a form cookie no callback could ever prove it is this browser's: nothing worth keeping twice.
  if (kept.browser === undefined) return;
  pending.keep(kept);
  keepStartMark(req, transaction.state, kept.browser);
}

/**
 * The transaction the returned state belongs to, deleted from the session (and the pending logins) before anything
 * else is checked. One this session lost to another tab's save at the same moment is found among the pending ones.
 */
export function takeSessionTransaction<T extends Transaction>(
  req: Request,
  flow: T['flow'],
  returnedState: string | undefined,
  nowMs: number,
  pending: PendingLogins,
): CallbackMatch<T> {
  const { transactions = {}, usedStates = [] } = req.session;
  // Started as this browser's first request, with a mark another tab's first request replaced: its own cookie.
  const rescued =
    pending.find(returnedState, browserOf(req)) ?? pending.find(returnedState, startMark(req, returnedState));
  dropStartMark(req, returnedState);
  const waiting =
    rescued?.attempt && !(rescued.attempt.id in transactions)
      ? { ...transactions, [rescued.attempt.id]: rescued }
      : transactions;
  const lookup = takeTransaction<T>(waiting, usedStates, flow, returnedState, nowMs);
  if (returnedState !== undefined && (lookup.found || lookup.expired)) pending.forget(returnedState);
  req.session.transactions = lookup.remaining;
  req.session.usedStates = lookup.used;
  if (lookup.found) rememberMatched(req, lookup.found.state);
  const { found, replayed, expired } = lookup;
  const loggedOut = found || expired ? undefined : loggedOutLogin(req, returnedState);
  return { transaction: found, replayed, expired, loggedOut };
}

/**
 * The attempt a callback finishes: the one its transaction started, so that two logins of one flow in two tabs
 * each keep their own legs and switches; else (a transaction saved before they carried it, or none) as attemptFor.
 */
export function callbackAttempt(
  req: Request,
  flow: FlowName,
  transaction: Transaction | undefined,
  nowMs: number,
): Attempt {
  const own = transaction?.attempt;
  if (own?.flow !== flow || own.ok !== undefined) return attemptFor(req, flow, nowMs);
  req.session.attempts = { ...req.session.attempts, [flow]: own };
  return own;
}
