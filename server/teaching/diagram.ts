// The sequence diagram of a flow: its steps between the four parties, each done, failed or not reached.
import type { Attempt, FlowName } from '../attempts/attempt.ts';

export type Party = 'Browser' | 'This app' | 'Salesforce login' | 'Salesforce instance';
export type StepState = 'done' | 'failed' | 'not-reached';

export interface DiagramStep {
  from: Party;
  to: Party;
  label: string;
  state: StepState;
}

interface StepDef {
  from: Party;
  to: Party;
  label: string;
  /** The transcript legs or check ids that show this step happened. */
  evidence: (attempt: Attempt) => StepState | undefined;
}

const leg =
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
const checks =
  (...ids: string[]) =>
  (attempt: Attempt): StepState | undefined => {
    const found = attempt.checks.filter((check) => ids.includes(check.id));
    if (found.length === 0) return attempt.error?.error.endsWith('_mismatch') ? 'failed' : undefined;
    return found.every((check) => check.passed) ? 'done' : 'failed';
  };
const started = () => (): StepState => 'done';
const callbackError = (attempt: Attempt): StepState | undefined => {
  const state = leg('callback')(attempt);
  if (state && attempt.error && (attempt.error.source === 'redirect' || attempt.error.source === 'fragment'))
    return 'failed';
  return state;
};

const API = [
  {
    from: 'This app',
    to: 'Salesforce instance',
    label: 'GET identity URL, /services/data/ and the query with the Bearer token',
    evidence: leg('query'),
  },
] satisfies StepDef[];

const STEPS: Record<FlowName, StepDef[]> = {
  jwt: [
    {
      from: 'Browser',
      to: 'This app',
      label: 'Run: ask this app to sign in as the configured user',
      evidence: started(),
    },
    {
      from: 'This app',
      to: 'This app',
      label: 'Sign the assertion (iss, sub, aud, exp) with certs/jwt.key, RS256',
      evidence: (a) => (a.assertion ? 'done' : a.error ? 'failed' : undefined),
    },
    {
      from: 'This app',
      to: 'Salesforce login',
      label: 'POST /services/oauth2/token with grant_type=jwt-bearer and the assertion',
      evidence: leg('token'),
    },
    ...API,
  ],
  'web-server': [
    {
      from: 'This app',
      to: 'Browser',
      label: 'Redirect to /services/oauth2/authorize with state and code_challenge',
      evidence: leg('authorize'),
    },
    { from: 'Browser', to: 'Salesforce login', label: 'Log in and Allow', evidence: callbackError },
    {
      from: 'Salesforce login',
      to: 'Browser',
      label: 'Redirect to the callback with ?code and state',
      evidence: leg('callback'),
    },
    {
      from: 'Browser',
      to: 'This app',
      label: 'GET /oauthcallback.html: check state, recompute the PKCE challenge',
      evidence: checks('state', 'pkce'),
    },
    {
      from: 'This app',
      to: 'Salesforce login',
      label: 'POST /services/oauth2/token with the code and code_verifier',
      evidence: leg('token'),
    },
    ...API,
  ],
  'user-agent': [
    {
      from: 'This app',
      to: 'Browser',
      label: 'Redirect to /services/oauth2/authorize (response_type=token) with state and nonce',
      evidence: leg('authorize'),
    },
    { from: 'Browser', to: 'Salesforce login', label: 'Log in and Allow', evidence: callbackError },
    {
      from: 'Salesforce login',
      to: 'Browser',
      label: 'Redirect to the callback with the token in the #fragment',
      evidence: leg('callback'),
    },
    {
      from: 'Browser',
      to: 'This app',
      label: 'The page script posts the fragment: check state, signature and nonce',
      evidence: checks('state', 'signature', 'nonce', 'id-token'),
    },
    ...API,
  ],
};

/** Steps after the first failure are "not reached"; so is every step without evidence. */
export function diagramSteps(attempt: Attempt): DiagramStep[] {
  let failed = false;
  return STEPS[attempt.flow].map((step) => {
    const evidence = failed ? undefined : step.evidence(attempt);
    const state: StepState = evidence ?? 'not-reached';
    if (state === 'failed') failed = true;
    return { from: step.from, to: step.to, label: step.label, state };
  });
}

export const PARTIES: readonly Party[] = ['Browser', 'This app', 'Salesforce login', 'Salesforce instance'];
