// Redirect flows' logins waiting at Salesforce, kept in the visitor's session until their callback: each with the
// attempt that started it, taken out (once) by the state that comes back.
import type { Request } from 'express';
import type { Attempt, FlowName } from '../attempts/attempt.ts';
import { takeTransaction, type CallbackMatch, type Transaction } from '../flows/transactions.ts';
import { attemptFor } from './attemptSession.ts';
import { browserOf } from './loginSession.ts';

declare module 'express-session' {
  interface SessionData {
    /** Redirect flows waiting for their callback, keyed by attempt id. */
    transactions?: Record<string, Transaction>;
    /** Digests of states whose callback already completed: a replay is recognised, and refused as one. */
    usedStates?: string[];
  }
}

const MAX_TRANSACTIONS = 5;

/** Keeps a login that leaves for Salesforce, with its attempt and browser; the oldest give way past five. */
export function saveTransaction(req: Request, attempt: Attempt, transaction: Transaction): void {
  const entries = Object.entries({
    ...req.session.transactions,
    [attempt.id]: { ...transaction, browser: browserOf(req), attempt },
  });
  req.session.transactions = Object.fromEntries(entries.slice(-MAX_TRANSACTIONS));
}

/** The transaction the returned state belongs to, deleted from the session before anything else is checked. */
export function takeSessionTransaction<T extends Transaction>(
  req: Request,
  flow: T['flow'],
  returnedState: string | undefined,
  nowMs: number,
): CallbackMatch<T> {
  const { transactions = {}, usedStates = [] } = req.session;
  const lookup = takeTransaction<T>(transactions, usedStates, flow, returnedState, nowMs);
  req.session.transactions = lookup.remaining;
  req.session.usedStates = lookup.used;
  return { transaction: lookup.found, replayed: lookup.replayed, expired: lookup.expired };
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
