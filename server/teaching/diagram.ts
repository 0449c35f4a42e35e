// The sequence diagram of a flow: its steps between the four parties, each done, failed or not reached.
import type { Attempt } from '../attempts/attempt.ts';
import {
  authorizeRedirect,
  callbackError,
  type DiagramContext,
  type Party,
  type StepState,
} from './diagramEvidence.ts';
import { STEPS } from './diagramFlows.ts';
import { errorCameBack } from './diagramLabels.ts';

export type { Party, StepState };

export interface DiagramStep {
  from: Party;
  to: Party;
  label: string;
  state: StepState;
}

/**
 * Every step without evidence is "not reached". After the first failure only what still happened shows as done: a
 * refusal at the login reaches the app through the callback, whose state the app still checks. Nothing after a
 * failure shows as failed.
 */
export function diagramSteps(attempt: Attempt, context: DiagramContext): DiagramStep[] {
  let failed = false;
  const bornAtCallback = attempt.transcript[0]?.leg === 'callback';
  // An error that came back but was not taken as Salesforce's (its state was never sent from here) tells nothing of
  // the login, nor of who sent the browser to the callback with it: "Not seen by this app", not "Done: Log in, then
  // Deny" or "Done: Salesforce → Browser". A code that came back again (Back, Reload) was a login done.
  const errorNotTaken = bornAtCallback && errorCameBack(attempt) && callbackError(attempt) !== 'failed';
  return STEPS[attempt.flow].map((step) => {
    const label = typeof step.label === 'string' ? step.label : step.label(attempt, context);
    const to = typeof step.to === 'string' ? step.to : step.to(attempt);
    // For an attempt that began at the callback (Back, Reload, a link), the redirect to authorize belongs to a login
    // it never saw start: neither failed nor "not reached". What came back (a code, or Deny) is its own.
    if (bornAtCallback && step.evidence === authorizeRedirect) {
      return { from: step.from, to, label, state: 'earlier' };
    }
    if (
      errorNotTaken &&
      (step.evidence === callbackError || (step.from === 'Salesforce login' && to === 'Browser'))
    ) {
      return { from: step.from, to, label, state: 'unseen' };
    }
    const evidence = step.evidence(attempt);
    const state: StepState = failed
      ? evidence === 'done'
        ? 'done'
        : 'not-reached'
      : (evidence ?? 'not-reached');
    if (state === 'failed') failed = true;
    return { from: step.from, to, label, state };
  });
}

export const PARTIES: readonly Party[] = ['Browser', 'This app', 'Salesforce login', 'Salesforce instance'];
