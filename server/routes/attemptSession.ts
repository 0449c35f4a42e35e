// Everything a flow keeps in the visitor's own session: pending redirects, the attempt's record, the login.
// An attempt, once finished, never changes: a late or replayed callback starts an attempt of its own.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Attempt, FlowName } from '../attempts/attempt.ts';
import { takeTransaction, type CallbackMatch, type Transaction } from '../flows/transactions.ts';
import type { OrgControl } from '../orgFaults.ts';
import { describeFailure } from '../salesforce/errors.ts';
import type { Login, TokenSet } from '../salesforce/tokens.ts';
import { armedFaults, armFaults, armOrgFaults, directBinding } from './attemptFaults.ts';
import { browserOf, startLoggedInSession } from './loginSession.ts';

declare module 'express-session' {
  interface SessionData {
    /** Redirect flows waiting for their callback, keyed by attempt id. */
    transactions?: Record<string, Transaction>;
    /** Digests of states whose callback already completed: a replay is recognised, and refused as one. */
    usedStates?: string[];
    /** The latest attempt that did not sign the visitor in (or is still running). */
    attempt?: Attempt;
    login?: Login;
  }
}

const MAX_TRANSACTIONS = 5;

/**
 * Starts the record of a new attempt and takes the armed faults (they apply once). With `orgControl`, the
 * org-side ones go to the local org at once, bound to the flow's grant_type; a redirect flow arms them itself,
 * bound to its login's state (armOrgFaults), once it has one.
 */
export function beginAttempt(req: Request, flow: FlowName, nowMs: number, orgControl?: OrgControl): Attempt {
  const faults = armedFaults(req, flow);
  if (faults.length > 0) armFaults(req, flow, []);
  const attempt = recordAttempt(req, flow, nowMs, faults);
  armOrgFaults(attempt, orgControl, directBinding(flow));
  return attempt;
}

function recordAttempt(req: Request, flow: FlowName, nowMs: number, faults: Attempt['faults']): Attempt {
  parkWaitingDevice(req);
  const attempt: Attempt = { id: randomUUID(), flow, startedAt: nowMs, transcript: [], checks: [], faults };
  req.session.attempt = attempt;
  return attempt;
}

/**
 * A device attempt waits minutes for its user, while other flows may run in the same session: its record moves
 * beside its codes instead of being replaced, so the sign-in still shows the request that gave the user code.
 */
function parkWaitingDevice(req: Request): void {
  const { attempt, device } = req.session;
  if (attempt?.flow === 'device' && attempt.ok === undefined && device) device.parked = attempt;
}

/** The device flow's unfinished attempt: the session's latest, or the one parked beside its codes. */
export function deviceAttempt(req: Request, nowMs: number): Attempt {
  return req.session.device?.parked ?? attemptFor(req, 'device', nowMs);
}

/**
 * The unfinished attempt a callback belongs to; a finished one is never reopened, so the callback gets its own.
 * That one started nothing: it takes none of the faults armed for the next attempt, and arms nothing.
 */
export function attemptFor(req: Request, flow: FlowName, nowMs: number): Attempt {
  const attempt = req.session.attempt;
  return attempt && attempt.flow === flow && attempt.ok === undefined
    ? attempt
    : recordAttempt(req, flow, nowMs, []);
}

/** What a flow page shows: the newest attempt of that flow, whether it failed or signed the visitor in. */
export function latestAttempt(req: Request, flow: FlowName): Attempt | undefined {
  const { attempt, device, login } = req.session;
  return [attempt, device?.parked, login?.attempt].find((shown) => shown?.flow === flow);
}

export function saveTransaction(req: Request, id: string, transaction: Transaction): void {
  const entries = Object.entries({
    ...req.session.transactions,
    [id]: { ...transaction, browser: browserOf(req) },
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
  return { transaction: lookup.found, replayed: lookup.replayed };
}

/**
 * Runs an attempt's last step. Success signs the visitor in under a new session id, the finished attempt moving
 * into the login; any failure is recorded on the attempt. Returns whether the visitor is now signed in.
 */
export async function finishAttempt(
  req: Request,
  attempt: Attempt,
  receivedAt: () => number,
  lastStep: () => Promise<TokenSet | Login>,
): Promise<boolean> {
  try {
    const result = await lastStep();
    attempt.ok = true;
    // A refresh continues the same login (its identity, version, rotated tokens); every other flow starts one.
    const login: Login =
      'tokens' in result
        ? { ...result, attempt }
        : { flow: attempt.flow, tokens: result, receivedAt: receivedAt(), attempt };
    await startLoggedInSession(req, login);
    return true;
  } catch (error) {
    attempt.error = describeFailure(error);
    attempt.ok = false;
    return false;
  }
}
