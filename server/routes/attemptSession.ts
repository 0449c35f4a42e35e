// What a flow keeps in the visitor's own session: each flow's attempt record and the login (pending logins are in
// loginTransactions.ts; an attempt's last step, attemptFinish.ts). A finished attempt never changes: a late callback
// starts one of its own (a replayed one records none while its flow shows a finished attempt: replayedAttemptUrl).
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Attempt, Fault, FlowName } from '../attempts/attempt.ts';
import type { OrgControl } from '../orgFaults.ts';
import type { Login } from '../salesforce/tokens.ts';
import { armedFaults, armFaults, armOrgFaults, directBinding } from './attemptFaults.ts';

declare module 'express-session' {
  interface SessionData {
    /**
     * Each flow's latest attempt that did not sign the visitor in (or is still running). One per flow: a device
     * flow waits minutes for its user, and a login waits at Salesforce's page, while other flows run.
     */
    attempts?: Partial<Record<FlowName, Attempt>>;
    login?: Login;
  }
}

/** Other flows' finished attempts a session keeps beside a new one (their transcripts weigh up to 64 KB each). */
const MAX_FINISHED_KEPT = 2;

/**
 * Starts the record of a new attempt and takes the armed faults (they apply once), unless it repeats an attempt
 * with that one's `faults` (the armed ones then stay for the next). With `orgControl`, the org-side ones go to the
 * local org at once, bound to the flow's grant_type; a redirect flow arms them itself, bound to its login's state
 * (armOrgFaults), once it has one.
 */
export function beginAttempt(
  req: Request,
  flow: FlowName,
  nowMs: number,
  { orgControl, faults: repeated }: { orgControl?: OrgControl; faults?: Fault[] } = {},
): Attempt {
  const faults = repeated ?? armedFaults(req, flow);
  if (!repeated && faults.length > 0) armFaults(req, flow, []);
  const attempt = recordAttempt(req, flow, nowMs, faults);
  armOrgFaults(attempt, orgControl, directBinding(flow));
  return attempt;
}

function recordAttempt(req: Request, flow: FlowName, nowMs: number, faults: Attempt['faults']): Attempt {
  const attempt: Attempt = { id: randomUUID(), flow, startedAt: nowMs, transcript: [], checks: [], faults };
  // Finished attempts of other flows beyond the newest few are let go: every session stays small.
  const finished = Object.values(req.session.attempts ?? {})
    .filter((other) => other.flow !== flow && other.ok !== undefined)
    .sort((a, b) => b.startedAt - a.startedAt);
  const dropped = new Set(finished.slice(MAX_FINISHED_KEPT).map((other) => other.flow));
  const kept = Object.entries(req.session.attempts ?? {}).filter(([name]) => !dropped.has(name as FlowName));
  req.session.attempts = { ...Object.fromEntries(kept), [flow]: attempt };
  return attempt;
}

/**
 * The unfinished attempt a callback or poll belongs to; a finished one is never reopened, so the callback gets its
 * own. That one started nothing: it takes none of the faults armed for the next attempt, and arms nothing.
 */
export function attemptFor(req: Request, flow: FlowName, nowMs: number): Attempt {
  const attempt = req.session.attempts?.[flow];
  return attempt && attempt.ok === undefined ? attempt : recordAttempt(req, flow, nowMs, []);
}

/** What a flow page shows: the newest attempt of that flow, whether it failed or signed the visitor in. */
export function latestAttempt(req: Request, flow: FlowName): Attempt | undefined {
  const { attempts, login } = req.session;
  return attempts?.[flow] ?? (login?.attempt?.flow === flow ? login.attempt : undefined);
}
