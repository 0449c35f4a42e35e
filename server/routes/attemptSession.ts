// Everything a flow keeps in the visitor's own session: pending redirects, the attempt's record, the login.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Attempt, AttemptLog, Fault, FlowName, TranscriptEntry } from '../attempts/attempt.ts';
import { takeTransaction, type Transaction } from '../flows/transactions.ts';
import { isOrgFault, type OrgControl } from '../orgFaults.ts';
import { describeFailure } from '../salesforce/errors.ts';
import type { Login, TokenSet } from '../salesforce/tokens.ts';

declare module 'express-session' {
  interface SessionData {
    /** Redirect flows waiting for their callback, keyed by attempt id. */
    transactions?: Record<string, Transaction>;
    attempt?: Attempt;
    login?: Login;
    /** Faults armed for the next attempt ("break it"). */
    faults?: Fault[];
  }
}

const MAX_TRANSACTIONS = 5;
const MAX_TRANSCRIPT = 40;
/** Legs are dropped, oldest first, past this many characters: every session stays small. */
const MAX_TRANSCRIPT_CHARS = 64 * 1024;

/**
 * Starts the record of a new attempt and takes the armed faults (they apply once): the org-side ones go to the
 * local org, which applies each to the next request it concerns.
 */
export function beginAttempt(req: Request, flow: FlowName, nowMs: number, orgControl?: OrgControl): Attempt {
  const faults = req.session.faults ?? [];
  delete req.session.faults;
  const attempt: Attempt = { id: randomUUID(), flow, startedAt: nowMs, transcript: [], checks: [], faults };
  req.session.attempt = attempt;
  const orgFaults = faults.filter(isOrgFault);
  if (orgFaults.length > 0) orgControl?.armOnce(orgFaults);
  return attempt;
}

/** The attempt a callback belongs to; a callback in a session that started nothing gets a fresh record. */
export function attemptFor(req: Request, flow: FlowName, nowMs: number): Attempt {
  const attempt = req.session.attempt;
  return attempt && attempt.flow === flow ? attempt : beginAttempt(req, flow, nowMs);
}

/**
 * Where flows write: transcript legs, checks and JWTs land in the session's current attempt. With `replaceLeg`, a
 * leg replaces the previous one of the same name (a reloaded result page re-runs its query: one leg, not forty).
 */
export function sessionLog(req: Request, { replaceLeg = false } = {}): AttemptLog {
  return {
    entry: (entry) => addEntry(req, entry, replaceLeg),
    check: (check) => req.session.attempt?.checks.push(check),
    jwt: (kind, token) => {
      if (req.session.attempt) req.session.attempt[kind] = token;
    },
  };
}

function addEntry(req: Request, entry: TranscriptEntry, replaceLeg: boolean): void {
  const transcript = req.session.attempt?.transcript;
  if (!transcript) return;
  const previous = replaceLeg ? transcript.findLastIndex((leg) => leg.leg === entry.leg) : -1;
  if (previous >= 0) transcript.splice(previous, 1);
  transcript.push(entry);
  let chars = transcript.reduce((sum, leg) => sum + JSON.stringify(leg).length, 0);
  while (transcript.length > 1 && (transcript.length > MAX_TRANSCRIPT || chars > MAX_TRANSCRIPT_CHARS)) {
    chars -= JSON.stringify(transcript.shift()).length;
  }
}

export function saveTransaction(req: Request, id: string, transaction: Transaction): void {
  const entries = Object.entries({ ...req.session.transactions, [id]: transaction });
  req.session.transactions = Object.fromEntries(entries.slice(-MAX_TRANSACTIONS));
}

/** The transaction the returned state belongs to, deleted from the session before anything else is checked. */
export function takeSessionTransaction<T extends Transaction>(
  req: Request,
  flow: T['flow'],
  returnedState: string | undefined,
  nowMs: number,
): T | undefined {
  const { found, remaining } = takeTransaction<T>(req.session.transactions ?? {}, flow, returnedState, nowMs);
  req.session.transactions = remaining;
  return found;
}

/**
 * Runs an attempt's last step. Success signs the visitor in under a new session id; any failure is recorded on the
 * attempt for the teaching panel. Returns whether the visitor is now signed in.
 */
export async function finishAttempt(
  req: Request,
  attempt: Attempt,
  receivedAt: () => number,
  lastStep: () => Promise<TokenSet | Login>,
): Promise<boolean> {
  try {
    const result = await lastStep();
    // A refresh continues the same login (its identity, version, rotated tokens); every other flow starts one.
    const login =
      'tokens' in result ? result : { flow: attempt.flow, tokens: result, receivedAt: receivedAt() };
    await startLoggedInSession(req, login);
    attempt.ok = true;
    return true;
  } catch (error) {
    attempt.error = describeFailure(error);
    attempt.ok = false;
    return false;
  }
}

/** A new session id (no session fixation) and a new CSRF token at login; the teaching record is kept. */
function startLoggedInSession(req: Request, login: Login): Promise<void> {
  const { attempt } = req.session;
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error);
      Object.assign(req.session, { attempt, login });
      resolve();
    });
  });
}
