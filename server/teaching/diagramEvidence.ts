// What shows that a step of a flow's diagram happened: the attempt's transcript legs and checks, read per step.
import type { Attempt } from '../attempts/attempt.ts';
import { oauthErrorOf } from '../attempts/legError.ts';
import { USER_ENDINGS } from '../flows/device.ts';

export type Party = 'Browser' | 'This app' | 'Salesforce login' | 'Salesforce instance';
/**
 * `earlier`: a step of a login this attempt did not see start (it began when the browser came back to the callback).
 * `unseen`: a step this app cannot observe, whose outcome no answer told (the device flow's approval, when a poll
 * failed for a reason of its own).
 */
/** waiting: under way in an attempt still going (the device flow's user has not answered yet). */
export type StepState = 'done' | 'failed' | 'not-reached' | 'earlier' | 'unseen' | 'waiting';

/** What a label may say beyond the attempt: the key file the JWT flow signs with, as a learner would type it. */
export interface DiagramContext {
  jwtKeyFile: string;
}

export interface StepDef {
  from: Party;
  /** A function where the attempt decides the host (client credentials: My Domain, or the login host on purpose). */
  to: Party | ((attempt: Attempt) => Party);
  /** What the step did; a function where the attempt's faults or legs change what was sent, or where. */
  label: string | ((attempt: Attempt, context: DiagramContext) => string);
  /** The transcript legs or check ids that show this step happened. */
  evidence: (attempt: Attempt) => StepState | undefined;
}

export const leg =
  (name: string) =>
  (attempt: Attempt): StepState | undefined => {
    // "token (replayed code)" is a second try of the token step.
    const entries = attempt.transcript.filter(
      (entry) => entry.leg === name || entry.leg.startsWith(`${name} `),
    );
    if (entries.length === 0) return undefined;
    return entries.some((entry) => entry.error || (entry.status !== undefined && entry.status >= 400))
      ? 'failed'
      : 'done';
  };
export const checks =
  (...ids: string[]) =>
  (attempt: Attempt): StepState | undefined => {
    // A check that did not run proves nothing either way.
    const found = attempt.checks.filter((check) => ids.includes(check.id) && check.performed !== false);
    if (found.length === 0) return attempt.error?.error.endsWith('_mismatch') ? 'failed' : undefined;
    return found.every((check) => check.passed) ? 'done' : 'failed';
  };
/** Checks made on a token response before it is trusted (responseChecks.ts). */
const RESPONSE_CHECKS = ['hosts', 'signature', 'nonce', 'id-token'];

/**
 * A token answer came back (HTTP 200, or the user-agent flow's fragment) but the app did not take it: a check on it
 * failed, or its id_token check could not be made (the issuer's keys did not come, whatever discovery or the JWKS
 * answered). That answer is where the attempt went wrong, not a step never reached. Other checks not made (a
 * public client's signature) take nothing from it.
 */
export const answerTaken =
  (cameBack: StepDef['evidence']) =>
  (attempt: Attempt): StepState | undefined => {
    const state = cameBack(attempt);
    if (state !== 'done') return state;
    const refused = attempt.checks.some(
      (c) => RESPONSE_CHECKS.includes(c.id) && (c.performed === false ? c.id === 'id-token' : !c.passed),
    );
    return refused ? 'failed' : 'done';
  };

/**
 * Done once the token worked on the instance (tokenWorked), or a leg of these names shows it did. The result page
 * runs the learner's own queries and token tools later, each replacing its earlier leg; a typo in one, or a token
 * revoked since, is that call's error (shown with it), not a failure of the sign-in.
 */
export const anyLegDone =
  (...names: string[]) =>
  (attempt: Attempt): StepState | undefined => {
    if (attempt.tokenWorked) return 'done';
    const entries = attempt.transcript.filter((entry) => names.includes(entry.leg));
    if (entries.length === 0) return undefined;
    return entries.some((entry) => !entry.error && entry.status !== undefined && entry.status < 400)
      ? 'done'
      : 'failed';
  };
const lastPoll = (attempt: Attempt) =>
  attempt.transcript.filter((entry) => entry.leg === 'token (poll)').at(-1);
const answered = (entry: { error?: string; status?: number }) =>
  !entry.error && entry.status !== undefined && entry.status < 400;

/**
 * The approval happens on another screen: the app learns of it only from a poll's answer. Tokens mean it was given;
 * access_denied or expired_token that it was refused or never came; while polls wait, it is under way.
 */
export const deviceApproval = (attempt: Attempt): StepState | undefined => {
  const last = lastPoll(attempt);
  if (!last) return undefined;
  if (answered(last)) return 'done';
  if (USER_ENDINGS.has(attempt.error?.error ?? '')) return 'failed';
  return attempt.ok === false ? 'unseen' : 'waiting';
};

/**
 * Polls that wait (authorization_pending) or carry the user's answer do their job. One answered slow_down came
 * sooner than interval: that is where this attempt went wrong, though it goes on. Any other refusal failed them.
 */
export const devicePolls = (attempt: Attempt): StepState | undefined => {
  const last = lastPoll(attempt);
  if (!last) return undefined;
  if (oauthErrorOf(last) === 'slow_down') return 'failed';
  // Still polling: under way, not done, until an answer ends it.
  if (attempt.ok === undefined && !answered(last)) return 'waiting';
  return attempt.ok === false && !USER_ENDINGS.has(attempt.error?.error ?? '') ? 'failed' : 'done';
};

export const started = () => (): StepState => 'done';
export const run = (label: string): StepDef => ({
  from: 'Browser',
  to: 'This app',
  label,
  evidence: started(),
});
export const callbackError = (attempt: Attempt): StepState | undefined => {
  const state = leg('callback')(attempt);
  if (state && attempt.error && (attempt.error.source === 'redirect' || attempt.error.source === 'fragment'))
    return 'failed';
  return state;
};

/**
 * The browser is sent to /authorize only after the pre-flight: an attempt that ended without that redirect stopped
 * at this first step (Salesforce refused the request, or could not be reached).
 */
export const authorizeRedirect = (attempt: Attempt): StepState | undefined =>
  leg('authorize')(attempt) ?? (attempt.ok === false ? 'failed' : undefined);
