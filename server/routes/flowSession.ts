// Everything a flow keeps in the visitor's own session: pending redirects, the teaching record, the login.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { WebServerTransaction } from '../flows/webServer.ts';
import type { UserAgentTransaction } from '../flows/userAgent.ts';
import type { Attempt, BreakSwitch, Check, FlowName, TranscriptEntry } from '../salesforce/attempt.ts';
import type { Recorder } from '../salesforce/http.ts';
import type { Login } from '../salesforce/tokens.ts';

export type Transaction = WebServerTransaction | UserAgentTransaction;

declare module 'express-session' {
  interface SessionData {
    /** Redirect flows waiting for their callback, keyed by attempt id. */
    transactions?: Record<string, Transaction>;
    attempt?: Attempt;
    login?: Login;
    /** Break-it switches armed for the next attempt. */
    faults?: BreakSwitch[];
  }
}

const MAX_TRANSACTIONS = 5;
const MAX_TRANSCRIPT = 40;
/** A login left unfinished for longer than this is forgotten. */
export const TRANSACTION_LIFETIME_MS = 15 * 60 * 1000;

/** Starts the teaching record of a new attempt and takes the armed break-it switches (they apply once). */
export function beginAttempt(req: Request, flow: FlowName): Attempt {
  const faults = req.session.faults ?? [];
  delete req.session.faults;
  const attempt: Attempt = {
    id: randomUUID(),
    flow,
    startedAt: Date.now(),
    transcript: [],
    checks: [],
    faults,
  };
  req.session.attempt = attempt;
  return attempt;
}

export function recorder(req: Request): Recorder {
  return (entry) => addEntry(req, entry);
}

export function addEntry(req: Request, entry: TranscriptEntry): void {
  const transcript = req.session.attempt?.transcript;
  if (!transcript) return;
  transcript.push(entry);
  if (transcript.length > MAX_TRANSCRIPT) transcript.splice(0, transcript.length - MAX_TRANSCRIPT);
}

export function addCheck(req: Request, check: Check): void {
  req.session.attempt?.checks.push(check);
}

export function saveTransaction(req: Request, id: string, transaction: Transaction): void {
  const entries = Object.entries({ ...req.session.transactions, [id]: transaction });
  req.session.transactions = Object.fromEntries(entries.slice(-MAX_TRANSACTIONS));
}

/**
 * Finds the waiting transaction of `flow` whose state equals the returned one (compared in constant time) and
 * deletes it before anything else is checked, so a replayed callback finds nothing.
 */
export function takeTransaction<T extends Transaction>(
  req: Request,
  flow: T['flow'],
  returnedState: string | undefined,
  matches: (expected: string, got: string) => boolean,
  now: number,
): T | undefined {
  const all = req.session.transactions ?? {};
  let found: T | undefined;
  for (const [id, transaction] of Object.entries(all)) {
    const fresh = now - transaction.createdAt < TRANSACTION_LIFETIME_MS;
    if (
      transaction.flow === flow &&
      returnedState !== undefined &&
      matches(transaction.state, returnedState) &&
      fresh &&
      !found
    ) {
      found = transaction as T;
      delete all[id];
    }
  }
  req.session.transactions = all;
  return found;
}

/** A new session id (no session fixation) and a new CSRF token at login; the teaching record is kept. */
export function startLoggedInSession(req: Request, login: Login): Promise<void> {
  const { attempt } = req.session;
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error);
      Object.assign(req.session, { attempt, login });
      resolve();
    });
  });
}
